package org.tensornet4j.model;

import static org.tensornet4j.model.KernelArgs.data;
import static org.tensornet4j.model.KernelArgs.dtype;
import static org.tensornet4j.model.KernelArgs.floats;
import static org.tensornet4j.model.KernelArgs.requireShape;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.torch.Ops;

/**
 * TensorNet2's weighted Coulomb term over all pairs of each molecule in one native pass, and its
 * gradients (see {@code native/kernels/cpu/CoulombPairs.h}): what {@link WeightedCoulombOutput}
 * computes with LibTorch ops through [pairs, channels] tensors when it has no Coulomb cutoff, O(N^2)
 * memory and most of a DHFR step. No autograd: {@link KernelGradient} chains the gradients by hand.
 * Tensors on the CPU in float32 or float64 ({@link KernelArgs#supports}); the sums are float64.
 */
final class CoulombPairs {
    private CoulombPairs() {}

    /**
     * Each atom's Coulomb energy, float64 [atoms]: half of every pair it is in.
     *
     * @param pos      positions [atoms, 3]
     * @param charges  charge channels [atoms, C]
     * @param weights  the weight of each channel [C]
     * @param molecule int64 [atoms]
     * @param halfConstant half the Coulomb constant (energy unit x Å)
     */
    static Tensor energies(Tensor pos, Tensor charges, Tensor weights, Tensor molecule, double halfConstant) {
        Args a = new Args(pos, charges, weights, molecule);
        Tensor energies = torch.zeros(new long[] {a.atoms}, Ops.options(a.pos, ScalarType.Double));
        NativeKernels.coulombPairEnergies(dtype(a.pos), a.atoms, a.channels, data(a.pos), data(a.charges), data(a.weights),
                a.molecule.data_ptr_long(), halfConstant, new DoublePointer(energies.data_ptr()));
        a.fence();
        return energies;
    }

    /**
     * The gradients of L with respect to the charges [atoms, C] and the positions [atoms, 3], given
     * {@code g} = dL/d{@link #energies} [atoms] (any float dtype).
     */
    static Tensor[] gradients(Tensor pos, Tensor charges, Tensor weights, Tensor molecule, double halfConstant, Tensor g) {
        Args a = new Args(pos, charges, weights, molecule);
        Tensor gd = Ops.toDtype(g.detach(), ScalarType.Double).contiguous();
        requireShape("energy gradient", gd, a.atoms);
        Tensor gq = Ops.newZeros(a.charges, a.atoms, a.channels);
        Tensor gpos = Ops.newZeros(a.pos, a.atoms, 3);
        NativeKernels.coulombPairEnergiesVjp(dtype(a.pos), a.atoms, a.channels, data(a.pos), data(a.charges), data(a.weights),
                a.molecule.data_ptr_long(), halfConstant, new DoublePointer(gd.data_ptr()), data(gq), data(gpos));
        a.fence();
        Reference.reachabilityFence(gd);
        return new Tensor[] {gq, gpos};
    }

    /** The checked, contiguous inputs of both kernels. */
    private static final class Args {
        final Tensor pos, charges, weights, molecule;
        final long atoms, channels;

        Args(Tensor pos, Tensor charges, Tensor weights, Tensor molecule) {
            this.pos = floats(pos, pos);
            this.atoms = this.pos.size(0);
            requireShape("positions", this.pos, atoms, 3);
            this.charges = floats(charges, pos);
            this.channels = this.charges.size(-1);
            requireShape("charges", this.charges, atoms, channels);
            this.weights = floats(weights, pos);
            requireShape("charge weights", this.weights, channels);
            this.molecule = KernelArgs.indices(molecule, atoms);
        }

        void fence() {
            Reference.reachabilityFence(new Object[] {pos, charges, weights, molecule});
        }
    }
}
