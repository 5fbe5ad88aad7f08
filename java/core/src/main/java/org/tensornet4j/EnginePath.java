package org.tensornet4j;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.model.EnergyAndGradient;
import org.tensornet4j.model.ExtraOutputs;
import org.tensornet4j.model.ModelInputs;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.torch.Ops;

/**
 * {@link TensorNetPotential}'s engine path ({@link Potential#computeInto}): one molecule, tensors in
 * and out, what an MD engine calls every step. What the engine passes again unchanged is kept from
 * the last step ({@link EngineInputs}).
 */
final class EnginePath implements AutoCloseable {
    private final TorchMDNet model;
    private final InputChecks checks;
    private final EngineInputs engineInputs;

    /** @param device the model's LibTorch device, or null for the CPU */
    EnginePath(TorchMDNet model, InputChecks checks, org.bytedeco.pytorch.Device device) {
        this.model = model;
        this.checks = checks;
        this.engineInputs = new EngineInputs(device);
    }

    /**
     * The engine path: tensors in and out, no Java arrays per atom. The atomic numbers, the charge
     * factor and the box checks are kept from the previous step when unchanged ({@link EngineInputs});
     * atoms that change are checked again. The virial and the per-atom energies are computed only
     * when the call has a place for them.
     */
    double computeInto(EngineCall call) {
        long[] z = call.atomicNumbers();
        try (PointerScope scope = new PointerScope()) {
            Tensor zTensor = engineInputs.atomicNumbers(z, () -> checks.atomicNumbers(z));
            double[] boxRows = call.box() == null ? null : Ops.toDoubles(call.box());
            double[][] boxMatrix = boxRows == null ? null : PeriodicBox.fromFlat(boxRows);
            if (!engineInputs.boxChecked(boxRows)) {
                checks.box(boxMatrix);
                model.validatePriorInputs(z, boxMatrix, null);
                engineInputs.boxPassed(boxRows);
            }
            Tensor positions = call.positions();
            checks.finiteAndResolvable(positions);
            Tensor boxTensor = boxMatrix == null ? null : Ops.toDtype(Ops.matrix3(boxMatrix, positions), model.config().dtype());
            Tensor pos = checks.modelPositions(positions, zTensor);
            ExtraOutputs extras = TensorNetPotential.extras(call.wanted());
            EnergyAndGradient result = model.energyAndGradient(new ModelInputs(zTensor, pos, null, 1, boxTensor,
                    engineInputs.perAtomCharge(call.charge(), z.length, model.config().dtype(), model.needsTotalCharge()), null),
                    extras);
            double energy = result.energy().item_double();
            if (!Double.isFinite(energy)) throw new IllegalStateException("the model produced a non-finite energy " + energy);
            // In place: no [N, 3] temporary for the sign.
            call.forces().copy_(result.gradient()).neg_();
            if (call.virial() != null) call.virial().copy_(result.virial());
            if (call.atomEnergies() != null) call.atomEnergies().copy_(result.atomEnergies());
            return energy;
        }
    }

    @Override
    public void close() {
        engineInputs.close();
    }
}
