package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.WaterBox;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The virial on every gradient path is minus the strain derivative of the energy: for a strain ε,
 * positions r -> r (I + ε) and box rows h -> h (I + ε), W_ab = -dE/dε_ab, against central finite
 * differences (ε = 1e-5) of all nine components, in float64, on a periodic water box (orthorhombic
 * and triclinic) where atoms see each other's images. The strained boxes leave the reduced form
 * (ε_xy tilts a out of the x axis), so the differences run on the bare model, which evaluates any box.
 * Every path also gives each atom's energy, adding up to the molecule's.
 */
class VirialTest {
    private static final double STRAIN = 1e-5;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** How the network's gradient is computed: native kernels, chunked, or plain autograd (TensorNet2 always plain). */
    enum Route { KERNELS, CHUNKED, PLAIN }

    /** @param waters n for n^3 waters (TensorNet2, 128 channels, gets fewer: the differences take 18 evaluations) */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "tn-f64,    orthorhombic, KERNELS, 4",
        "tn-f64,    orthorhombic, CHUNKED, 4",
        "tn-f64,    orthorhombic, PLAIN,   4",
        "tn-f64,    triclinic,    KERNELS, 4",
        "tn-f64,    triclinic,    CHUNKED, 4",
        "tn-f64,    triclinic,    PLAIN,   4",
        "tn-priors, orthorhombic, KERNELS, 4",
        "tn-priors, triclinic,    CHUNKED, 4",
        "tn-priors, triclinic,    PLAIN,   4",
        "tn2-bench, orthorhombic, PLAIN,   3",
        "tn2-bench, triclinic,    PLAIN,   3",
    })
    void virialIsMinusTheStrainDerivativeOfTheEnergy(String checkpoint, String shape, Route route, int waters) {
        AtomicSystem s = WaterBox.of(shape.equals("triclinic") ? WaterBox.TRICLINIC : WaterBox.ORTHORHOMBIC, waters);
        Map<String, Object> overrides = Map.of();
        if (checkpoint.startsWith("tn2")) {
            s = s.withCharges(1.0);
            overrides = Map.of("coulomb_cutoff", coulombCutoffAwayFromPairs(s));
        }
        try (TorchMDNet model = load(checkpoint, overrides)) {
            Result r = evaluate(model, s, route);
            double[] fd = finiteDifferenceVirial(model, s, true);
            double scale = maxAbs(fd);
            double worst = maxDifference(fd, r.virial());
            System.out.printf("virial %s %s %s: max |W| %.4g, max |W - W_fd| %.3g (%.2g relative)%n", checkpoint, shape,
                    route, scale, worst, worst / scale);
            assertTrue(scale > 1e-3, "the strain changes the energy");
            assertTrue(worst <= 1e-6 * Math.max(1, scale), "W differs from the finite differences by " + worst
                    + ": W = " + java.util.Arrays.toString(r.virial()) + ", finite differences " + java.util.Arrays.toString(fd));
            assertAtomEnergiesAddUp(r, s);
        }
    }

    /**
     * A molecule without a box: W = -Σ r_i ⊗ ∂E/∂r_i, symmetric (the energy turns with the
     * molecule), the same wherever the molecule sits, and minus the strain derivative of the energy.
     */
    @Test
    void nonPeriodicVirialIsSymmetricTranslationInvariantAndTheStrainDerivative() {
        AtomicSystem s = Fixtures.reference(Fixtures.referenceFile("tn-f64__alanine_dipeptide")).system();
        try (TorchMDNet model = load("tn-f64", Map.of())) {
            double[] w = evaluate(model, s, Route.KERNELS).virial();
            double scale = maxAbs(w);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < a; b++) assertEquals(w[3 * a + b], w[3 * b + a], 1e-9 * scale, "W symmetric " + a + b);
            }
            double[][] moved = s.positions();
            for (double[] p : moved) {
                p[0] += 13.7;
                p[1] -= 8.1;
                p[2] += 4.2;
            }
            double[] shifted = evaluate(model, s.withPositions(moved), Route.KERNELS).virial();
            assertTrue(maxDifference(w, shifted) <= 1e-9 * scale, "translation changes W");
            double[] fd = finiteDifferenceVirial(model, s, false);
            double worst = maxDifference(fd, w);
            System.out.printf("virial tn-f64 alanine dipeptide (no box): max |W| %.4g, max |W - W_fd| %.3g%n", scale, worst);
            assertTrue(worst <= 1e-6 * Math.max(1, scale), "W differs from the finite differences by " + worst);
        }
    }

    /**
     * Without a box given, the network is periodic in the model's own box_vecs: the virial then
     * strains that box, and equals the virial with the same box given explicitly.
     */
    @Test
    void boxVecsAreStrainedLikeAGivenBox() {
        AtomicSystem s = WaterBox.of(WaterBox.TRICLINIC, 4);
        try (TorchMDNet model = load("tn-f64", Map.of("box_vecs", rows(WaterBox.TRICLINIC)))) {
            Result given = evaluate(model, s, Route.KERNELS);
            Result fallback = evaluate(model, s.withBox(null), Route.KERNELS);
            assertEquals(given.energy()[0], fallback.energy()[0], 1e-12 * Math.abs(given.energy()[0]));
            assertTrue(maxDifference(given.virial(), fallback.virial()) <= 1e-10 * maxAbs(given.virial()));
        }
    }

    /**
     * TorchMD-Net's Coulomb prior (partial charges from the input, all pairs, through the box): its
     * virial is the strain derivative too, and its pair terms split over the atoms add up. A Coulomb
     * prior periodic in its own box_vecs, for an input without a box, cannot be strained: refused.
     */
    @Test
    void coulombPriorVirialAndAtomShares() {
        AtomicSystem water = WaterBox.of(WaterBox.ORTHORHOMBIC, 4);
        double[] q = new double[water.atomCount()];
        for (int i = 0; i < q.length; i++) q[i] = i % 3 == 0 ? -0.8 : 0.4;
        AtomicSystem s = water.withPartialCharges(q);
        try (TorchMDNet model = withCoulombPrior(null)) {
            Result r = evaluate(model, s, Route.KERNELS);
            double[] fd = finiteDifferenceVirial(model, s, true);
            double worst = maxDifference(fd, r.virial());
            System.out.printf("virial tn-f64 + Coulomb prior orthorhombic: max |W| %.4g, max |W - W_fd| %.3g%n", maxAbs(fd), worst);
            assertTrue(worst <= 1e-6 * Math.max(1, maxAbs(fd)), "W differs from the finite differences by " + worst);
            assertAtomEnergiesAddUp(r, s);
        }
        try (TorchMDNet model = withCoulombPrior(WaterBox.ORTHORHOMBIC)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> evaluate(model, s.withBox(null), Route.KERNELS));
            assertTrue(e.getMessage().contains("Coulomb prior") && e.getMessage().contains("Give the box with the input"), e.getMessage());
        }
    }

    /** tn-f64 with a Coulomb prior (float64), periodic in {@code boxVecs} when given. */
    private static TorchMDNet withCoulombPrior(double[][] boxVecs) {
        org.tensornet4j.checkpoint.Checkpoint f64 = org.tensornet4j.checkpoint.Checkpoint.read(Fixtures.checkpoint("tn-f64"));
        Map<String, Object> hp = new HashMap<>(f64.hyperParameters());
        Map<String, Object> args = new HashMap<>(Map.of("lower_switch_distance", 0.1, "upper_switch_distance", 0.4,
                "max_num_neighbors", 1000L, "distance_scale", 1e-10, "energy_scale", 1.602176634e-19));
        if (boxVecs != null) args.put("box_vecs", rows(boxVecs));
        hp.put("prior_model", List.of(Map.of("Coulomb", args)));
        hp.remove("prior_args");
        hp.put("max_num_neighbors", 128L);
        return ModelLoader.build(f64.source(), hp, f64.stateDict());
    }

    private static List<List<Double>> rows(double[][] m) {
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (double[] row : m) rows.add(List.of(row[0], row[1], row[2]));
        return rows;
    }

    /**
     * Each atom's energy adds up to its molecule's (1e-9 relative), with several molecules and total
     * charges, the priors (ZBL, D2, Atomref), reduce_op mean and TensorNet2's Coulomb head.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "tn-f64,    tn-f64__batch_caffeine_alanine_dipeptide,          ",
        "tn-f64,    tn-f64__batch_caffeine_alanine_dipeptide,          mean",
        "tn-priors, tn-priors__batch_caffeine_alanine_dipeptide,       ",
        "tn-priors, water box,                                         mean",
        "tn2-bench, tn2-bench__batch_caffeine_alanine_dipeptide__q+1-1, ",
    })
    void atomEnergiesAddUpToEachMolecule(String checkpoint, String reference, String reduce) {
        AtomicSystem s = reference.equals("water box") ? WaterBox.of(WaterBox.TRICLINIC, 4)
                : Fixtures.reference(Fixtures.referenceFile(reference)).system();
        Map<String, Object> overrides = reduce == null ? Map.of() : Map.of("reduce_op", reduce);
        if (s.isPeriodic()) overrides = with(overrides, "max_num_neighbors", 128);
        try (TorchMDNet model = load(checkpoint, overrides)) {
            for (Route route : Route.values()) assertAtomEnergiesAddUp(evaluate(model, s, route), s);
        }
    }

    private static void assertAtomEnergiesAddUp(Result r, AtomicSystem s) {
        double[] sums = new double[s.moleculeCount()];
        for (int i = 0; i < s.atomCount(); i++) sums[(int) s.molecule(i)] += r.atomEnergies()[i];
        for (int m = 0; m < sums.length; m++) {
            assertEquals(r.energy()[m], sums[m], 1e-9 * Math.abs(r.energy()[m]), "molecule " + m);
        }
    }

    /** Float64 (the FD needs it), room for the water box's neighbours, a Coulomb cutoff for TensorNet2 in a box. */
    private static TorchMDNet load(String checkpoint, Map<String, Object> extra) {
        Map<String, Object> overrides = new HashMap<>(extra);
        overrides.put("precision", 64);
        overrides.putIfAbsent("max_num_neighbors", 128);
        if (checkpoint.startsWith("tn2")) overrides.putIfAbsent("coulomb_cutoff", 6.0);
        return ModelLoader.load(Fixtures.checkpoint(checkpoint), new LoadOptions(overrides, NeighborStrategy.AUTO));
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> out = new HashMap<>(m);
        out.put(key, value);
        return out;
    }

    /**
     * A Coulomb cutoff near 6 Å with no pair distance (any periodic image) within 1e-3 Å of it.
     * TorchMD-Net's reaction field ends with a finite slope, so the force jumps at the cutoff: a pair
     * that a strain of 1e-5 moves across it (6e-5 Å) would spoil the finite differences, not the virial.
     */
    private static double coulombCutoffAwayFromPairs(AtomicSystem s) {
        double[][] x = s.positions();
        double[][] box = s.box();
        candidates:
        for (double cutoff = 6.0; cutoff > 5.0; cutoff -= 0.0137) {
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    for (int image = 0; image < 27; image++) {
                        int[] n = {image % 3 - 1, image / 3 % 3 - 1, image / 9 - 1};
                        double r2 = 0;
                        for (int c = 0; c < 3; c++) {
                            double d = x[i][c] - x[j][c] + n[0] * box[0][c] + n[1] * box[1][c] + n[2] * box[2][c];
                            r2 += d * d;
                        }
                        if (Math.abs(Math.sqrt(r2) - cutoff) < 1e-3) continue candidates;
                    }
                }
            }
            return cutoff;
        }
        throw new IllegalStateException("every candidate Coulomb cutoff has a pair within 1e-3 Å");
    }

    /** Energies [M], virial (9, row-major) and atom energies [N]. */
    private record Result(double[] energy, double[] virial, double[] atomEnergies) {}

    private static Result evaluate(TorchMDNet model, AtomicSystem s, Route route) {
        try (PointerScope scope = new PointerScope()) {
            ModelInputs in = inputs(model, s, s.positions(), s.box(), true);
            if (route == Route.KERNELS && !model.config().isTensorNet2()) assertTrue(KernelArgs.supports(in.pos()));
            long chunk = route == Route.CHUNKED ? 997 : Long.MAX_VALUE;
            EnergyAndGradient r = model.energyAndGradient(in, new ExtraOutputs(true, true), chunk, route == Route.KERNELS);
            return new Result(Ops.toDoubles(r.energy()), Ops.toDoubles(r.virial()), Ops.toDoubles(r.atomEnergies()));
        }
    }

    /** -(E(ε_ab = +h) - E(ε_ab = -h)) / 2h for each a, b, row-major; the box strained too when {@code strainBox}. */
    private static double[] finiteDifferenceVirial(TorchMDNet model, AtomicSystem s, boolean strainBox) {
        double[] w = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double plus = strainedEnergy(model, s, a, b, STRAIN, strainBox);
                double minus = strainedEnergy(model, s, a, b, -STRAIN, strainBox);
                w[3 * a + b] = -(plus - minus) / (2 * STRAIN);
            }
        }
        return w;
    }

    private static double strainedEnergy(TorchMDNet model, AtomicSystem s, int a, int b, double e, boolean strainBox) {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            double[][] box = s.box();
            ModelInputs in = inputs(model, s, strained(s.positions(), a, b, e), box == null || !strainBox ? box : strained(box, a, b, e), false);
            double total = 0;
            for (double v : Ops.toDoubles(model.energy(in))) total += v;
            return total;
        }
    }

    /** Rows x (I + ε) with the single component ε_ab = e: x_b += x_a e. */
    private static double[][] strained(double[][] rows, int a, int b, double e) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
            out[i][b] += rows[i][a] * e;
        }
        return out;
    }

    private static ModelInputs inputs(TorchMDNet model, AtomicSystem s, double[][] positions, double[][] box, boolean grad) {
        ScalarType dtype = model.config().dtype();
        Tensor z = Tensor.create(s.atomicNumbers());
        Tensor pos = Tensor.create(AtomicSystem.of(s.atomicNumbers(), positions).flatPositions(), s.atomCount(), 3).to(dtype);
        if (grad) pos.requires_grad_(true);
        Tensor batch = s.batch() == null ? null : Tensor.create(s.batch());
        Tensor charge = null;
        if (s.charges() != null) {
            double[] perAtom = new double[s.atomCount()];
            for (int i = 0; i < perAtom.length; i++) perAtom[i] = s.charges()[(int) s.molecule(i)];
            charge = Tensor.create(perAtom).to(dtype);
        }
        Tensor boxTensor = box == null ? null : Ops.matrix3(box, pos);
        Tensor partial = s.partialCharges() == null ? null : Tensor.create(s.partialCharges()).to(dtype);
        return new ModelInputs(z, pos, batch, s.moleculeCount(), boxTensor, charge, partial);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    private static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
