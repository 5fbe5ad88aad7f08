package org.tensornet4j.train;

import org.bytedeco.pytorch.Tensor;

/**
 * Errors summed over an epoch or a test set: energy per molecule, forces per Cartesian component
 * (TorchMD-Net's MAE conventions), and the mean loss over batches.
 */
final class Metrics {
    private double lossSum;
    private long batches;
    private double energyAbs;
    private double energySq;
    private long energies;
    private double forceAbs;
    private double forceSq;
    private long components;

    void add(Prediction p, Batch b, double loss) {
        lossSum += loss;
        batches++;
        if (b.energy() != null) {
            Tensor d = p.energy().detach().sub(b.energy());
            energyAbs += d.abs().sum().item_double();
            energySq += d.square().sum().item_double();
            energies += d.numel();
        }
        if (b.forces() != null) {
            Tensor d = p.forces().detach().sub(b.forces());
            forceAbs += d.abs().sum().item_double();
            forceSq += d.square().sum().item_double();
            components += d.numel();
        }
    }

    double loss() { return batches == 0 ? Double.NaN : lossSum / batches; }

    double energyMae() { return energies == 0 ? Double.NaN : energyAbs / energies; }

    double energyRmse() { return energies == 0 ? Double.NaN : Math.sqrt(energySq / energies); }

    double forceMae() { return components == 0 ? Double.NaN : forceAbs / components; }

    double forceRmse() { return components == 0 ? Double.NaN : Math.sqrt(forceSq / components); }

    long molecules() { return energies; }
}
