package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.torch.Ops;

/** Runs a bare {@link TorchMDNet} (float64) on one neutral molecule, for model-level tests. */
final class ModelEvaluation {
    private ModelEvaluation() {}

    /** [E, F_0x, F_0y, F_0z, F_1x, ...] */
    static double[] energyAndForces(TorchMDNet model, AtomicSystem s) {
        try (PointerScope scope = new PointerScope()) {
            int n = s.atomCount();
            Tensor z = Tensor.create(s.atomicNumbers());
            Tensor pos = Tensor.create(s.flatPositions(), n, 3).to(z.device(), ScalarType.Double).requires_grad_(true);
            Tensor e = model.energy(ModelInputs.of(z, pos));
            Tensor g = torch.grad(new TensorVector(e.sum()), new TensorVector(pos)).get(0);
            double[] out = new double[1 + 3 * n];
            out[0] = e.item_double();
            double[] grad = Ops.toDoubles(g);
            for (int i = 0; i < 3 * n; i++) out[1 + i] = -grad[i];
            return out;
        }
    }

    static void assertForcesMatchFiniteDifferences(TorchMDNet model, AtomicSystem s) {
        double h = 1e-5;
        double[] ref = energyAndForces(model, s);
        double[][] pos = s.positions();
        for (int i = 0; i < pos.length; i += 7) {
            for (int k = 0; k < 3; k++) {
                double keep = pos[i][k];
                pos[i][k] = keep + h;
                double plus = energyAndForces(model, s.withPositions(pos))[0];
                pos[i][k] = keep - h;
                double minus = energyAndForces(model, s.withPositions(pos))[0];
                pos[i][k] = keep;
                double fd = -(plus - minus) / (2 * h);
                assertEquals(fd, ref[1 + 3 * i + k], 1e-6 * Math.max(1, Math.abs(fd)), "atom " + i + " axis " + k);
            }
        }
    }
}
