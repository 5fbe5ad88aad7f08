package org.tensornet4j.train;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.data.Molecule;
import org.tensornet4j.torch.Ops;

/**
 * Several molecules as one input: atoms concatenated, {@code batch} [N] says which molecule each
 * atom belongs to (TorchMD-Net's batch index). Targets are null when the molecules lack them.
 *
 * @param pos    [N, 3] in the model's precision, requiring grad (forces are its gradient)
 * @param charge total charge of each atom's molecule [N], or null when every molecule is neutral
 */
record Batch(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor energy, Tensor forces, Tensor charge) {

    static Batch of(List<Molecule> ms, ScalarType dtype) {
        int n = 0;
        for (Molecule m : ms) n += m.atoms();
        long[] z = new long[n];
        long[] index = new long[n];
        double[] pos = new double[3 * n];
        double[] forces = new double[3 * n];
        double[] energy = new double[ms.size()];
        double[] charge = new double[n];
        boolean allForces = true;
        boolean allEnergies = true;
        boolean charged = false;
        int a = 0;
        for (int i = 0; i < ms.size(); i++) {
            Molecule m = ms.get(i);
            System.arraycopy(m.z(), 0, z, a, m.atoms());
            System.arraycopy(m.pos(), 0, pos, 3 * a, 3 * m.atoms());
            if (m.hasForces()) System.arraycopy(m.forces(), 0, forces, 3 * a, 3 * m.atoms());
            allForces &= m.hasForces();
            allEnergies &= m.hasEnergy();
            energy[i] = m.energy();
            charged |= m.charge() != 0;
            for (int k = 0; k < m.atoms(); k++) {
                index[a + k] = i;
                charge[a + k] = m.charge();
            }
            a += m.atoms();
        }
        Tensor p = Ops.toDtype(Tensor.create(pos).reshape(n, 3), dtype).requires_grad_(true);
        return new Batch(Tensor.create(z), p, Tensor.create(index), ms.size(),
                allEnergies ? Ops.toDtype(Tensor.create(energy), dtype) : null,
                allForces ? Ops.toDtype(Tensor.create(forces).reshape(n, 3), dtype) : null,
                charged ? Ops.toDtype(Tensor.create(charge), dtype) : null);
    }
}
