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
     * Systems of fewer atoms than this make all their pairs on the calling thread: chignolin's (166 atoms)
     * take ~0.1 ms forward and backward, less than handing half of them to the worker would save.
     */
    static final long MIN_ATOMS_TO_SHARE = 1024;

    /**
     * Each atom's Coulomb energy, float64 [atoms]: half of every pair it is in.
     *
     * @param pos      positions [atoms, 3]
     * @param charges  charge channels [atoms, C]
     * @param weights  the weight of each channel [C]
     * @param molecule int64 [atoms]
     * @param halfConstant half the Coulomb constant (energy unit x Å)
     * @param worker   takes the first rows of the pair matrix for large systems ({@link #MIN_ATOMS_TO_SHARE})
     */
    static Tensor energies(Tensor pos, Tensor charges, Tensor weights, Tensor molecule, double halfConstant,
                           WorkerThread worker) {
        Args a = new Args(pos, charges, weights, molecule);
        return a.shared(worker, (begin, end) -> {
            Tensor energies = torch.zeros(new long[] {a.atoms}, Ops.options(a.pos, ScalarType.Double));
            NativeKernels.coulombPairEnergies(dtype(a.pos), a.atoms, a.channels, data(a.pos), data(a.charges),
                    data(a.weights), a.molecule.data_ptr_long(), halfConstant, begin, end,
                    new DoublePointer(energies.data_ptr()));
            return new Tensor[] {energies};
        })[0];
    }

    /**
     * The gradients of L with respect to the charges [atoms, C] and the positions [atoms, 3], given
     * {@code g} = dL/d{@link #energies} [atoms] (any float dtype).
     */
    static Tensor[] gradients(Tensor pos, Tensor charges, Tensor weights, Tensor molecule, double halfConstant, Tensor g,
                              WorkerThread worker) {
        Args a = new Args(pos, charges, weights, molecule);
        Tensor gd = Ops.toDtype(g.detach(), ScalarType.Double).contiguous();
        requireShape("energy gradient", gd, a.atoms);
        Tensor[] grads = a.shared(worker, (begin, end) -> {
            Tensor gq = Ops.newZeros(a.charges, a.atoms, a.channels);
            Tensor gpos = Ops.newZeros(a.pos, a.atoms, 3);
            NativeKernels.coulombPairEnergiesVjp(dtype(a.pos), a.atoms, a.channels, data(a.pos), data(a.charges),
                    data(a.weights), a.molecule.data_ptr_long(), halfConstant, begin, end,
                    new DoublePointer(gd.data_ptr()), data(gq), data(gpos));
            return new Tensor[] {gq, gpos};
        });
        Reference.reachabilityFence(gd);
        return grads;
    }

    /** One kernel call over the rows begin..end-1 of the pair matrix: its own output tensors, zeroed. */
    @FunctionalInterface
    private interface Rows {
        Tensor[] of(long begin, long end);
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

        /**
         * {@code rows} over all rows: on large systems the worker's share (the first rows, about half of
         * the pairs: row i has atoms - 1 - i of them) and this thread's at once, their outputs summed.
         */
        Tensor[] shared(WorkerThread worker, Rows rows) {
            long split = worker.concurrent() && atoms >= MIN_ATOMS_TO_SHARE ? Math.round(atoms * (1 - Math.sqrt(0.5))) : 0;
            WorkerThread.Pending first = split > 0 ? worker.submit(() -> rows.of(0, split)) : null;
            Tensor[] out = rows.of(split, atoms);
            if (first != null) {
                Tensor[] theirs = first.await();
                for (int k = 0; k < out.length; k++) out[k].add_(theirs[k]);
            }
            Reference.reachabilityFence(new Object[] {pos, charges, weights, molecule});
            return out;
        }
    }
}
