package org.tensornet4j.priors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/** Builds one prior from constructor arguments and buffers, and evaluates it alone in float64. */
final class PriorHarness {
    private PriorHarness() {}

    /**
     * @param buffers the prior's state-dict entries without the {@code prior_model.0.} prefix
     */
    static Prior build(String name, Map<String, Object> args, Map<String, Tensor> buffers) {
        List<PriorSettings> settings = Priors.parse(Map.of(name, args), null);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        buffers.forEach((k, v) -> sd.put("prior_model.0." + k, v));
        ParameterStore store = new ParameterStore(Path.of("test"), sd, ScalarType.Double);
        Prior prior = settings.get(0).build(store, "prior_model.0");
        store.finish();
        return prior;
    }

    static Tensor doubles(double... v) {
        return Tensor.create(v);
    }

    static Tensor longs(long... v) {
        return Tensor.create(v);
    }

    /**
     * Energies of the molecules as TorchMD-Net's wrapper gives the prior's share of them (per-atom part
     * summed per molecule, then the molecule-wise part), followed by the forces: [E_0..E_M-1, F_0x, ...].
     */
    static double[] energiesAndForces(Prior prior, AtomicSystem s) {
        prior.validate(s.atomicNumbers(), s.box(), s.partialCharges());
        try (PointerScope scope = new PointerScope()) {
            int n = s.atomCount();
            int m = s.moleculeCount();
            Tensor z = Tensor.create(s.atomicNumbers());
            Tensor pos = Tensor.create(s.flatPositions(), n, 3).to(z.device(), ScalarType.Double).requires_grad_(true);
            Tensor batch = s.batch() == null ? null : Tensor.create(s.batch());
            Tensor box = s.box() == null ? null : Ops.matrix3(s.box(), pos);
            Tensor q = s.partialCharges() == null ? null : Tensor.create(s.partialCharges());
            PriorInputs in = new PriorInputs(z, pos, batch, m, box, q);
            Tensor x = prior.preReduce(pos.new_zeros(n, 1), in);
            Tensor y = Ops.scatterAdd(x, batch == null ? z.new_zeros(n) : batch, m);
            // keeps pos in the graph when the prior does not depend on it (Atomref)
            y = prior.postReduce(y, in).add(pos.sum().mul(Ops.scalar(0)));
            Tensor g = torch.grad(new TensorVector(y.sum()), new TensorVector(pos)).get(0);
            double[] e = Ops.toDoubles(y);
            double[] grad = Ops.toDoubles(g);
            double[] out = new double[m + 3 * n];
            System.arraycopy(e, 0, out, 0, m);
            for (int i = 0; i < 3 * n; i++) out[m + i] = -grad[i];
            return out;
        }
    }

    static double energy(Prior prior, AtomicSystem s) {
        return energiesAndForces(prior, s)[0];
    }

    /** Every force component against a central finite difference of the (summed) energy. */
    static void assertForcesMatchFiniteDifferences(Prior prior, AtomicSystem s) {
        int m = s.moleculeCount();
        double[] ref = energiesAndForces(prior, s);
        double[][] pos = s.positions();
        double h = 1e-5;
        for (int i = 0; i < pos.length; i++) {
            for (int k = 0; k < 3; k++) {
                double keep = pos[i][k];
                pos[i][k] = keep + h;
                double plus = total(energiesAndForces(prior, s.withPositions(pos)), m);
                pos[i][k] = keep - h;
                double minus = total(energiesAndForces(prior, s.withPositions(pos)), m);
                pos[i][k] = keep;
                double fd = -(plus - minus) / (2 * h);
                assertEquals(fd, ref[m + 3 * i + k], 1e-6 * Math.max(1, Math.abs(fd)), "force on atom " + i + " axis " + k);
            }
        }
    }

    private static double total(double[] energiesAndForces, int m) {
        double sum = 0;
        for (int k = 0; k < m; k++) sum += energiesAndForces[k];
        return sum;
    }
}
