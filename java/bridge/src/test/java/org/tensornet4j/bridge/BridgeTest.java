package org.tensornet4j.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.tensornet4j.Fixtures;

/**
 * The Java half of the bridge: factory, registry and the zero-copy step, called from Java here
 * (the C++ side is exercised by ctest through a native host).
 */
class BridgeTest {
    private static final String WATER = "\"atomic_numbers\": [8, 1, 1]";

    private static String config(String extra) {
        return "{\"checkpoint\": \"" + Fixtures.checkpoint("tn-small") + "\", " + WATER + extra + "}";
    }

    @Test
    void createComputeRelease() {
        int before = Bridge.liveCount();
        long address = Bridge.create("org.tensornet4j.TensorNetPotential", config(""));
        assertEquals(before + 1, Bridge.liveCount());
        PotentialForce force = find(address);
        double[] pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};
        try (DoublePointer p = new DoublePointer(pos); DoublePointer f = new DoublePointer(9)) {
            double e = force.compute(3, p, null, f);
            double[] forces = new double[9];
            f.get(forces);
            var reference = force.potential().compute(org.tensornet4j.AtomicSystem.of(new long[] {8, 1, 1},
                    new double[][] {{0, 0, 0}, {0.96, 0, 0}, {-0.24, 0.93, 0}}));
            assertEquals(reference.energy()[0], e, 1e-6);
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) assertEquals(reference.forces()[i][k], forces[3 * i + k], 1e-5);
            }
        }
        Bridge.release(address);
        Bridge.release(address);
        assertEquals(before, Bridge.liveCount());
    }

    @Test
    void chargeChangesTheResultAndBadConfigsAreRefused() {
        long neutral = Bridge.create("org.tensornet4j.TensorNetPotential", config(""));
        long charged = Bridge.create("org.tensornet4j.TensorNetPotential", config(", \"charge\": 1"));
        double[] pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};
        try (DoublePointer p = new DoublePointer(pos); DoublePointer f = new DoublePointer(9)) {
            double e0 = find(neutral).compute(3, p, null, f);
            double e1 = find(charged).compute(3, p, null, f);
            assertTrue(e0 != e1, "a total charge must change the energy");
        } finally {
            Bridge.release(neutral);
            Bridge.release(charged);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("org.tensornet4j.TensorNetPotential", "[1]"))
                .getMessage().contains("JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("java.lang.String", config("")))
                .getMessage().contains("does not implement"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("org.tensornet4j.TensorNetPotential",
                config(", \"charge\": \"0.47\""))).getMessage().contains("\"charge\" (the total charge in elementary charges)"
                + " must be a JSON number, got the string \"0.47\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("org.tensornet4j.TensorNetPotential",
                "{\"atomic_numbers\": [8, \"1\", 1]}")).getMessage().contains("atomic_numbers[1] must be a JSON integer, got the string \"1\""));
        for (String empty : new String[] {null, " "}) {
            String message = assertThrows(IllegalArgumentException.class, () -> Bridge.create("org.tensornet4j.TensorNetPotential", empty))
                    .getMessage();
            assertTrue(message.contains(empty == null ? "configuration is null" : "configuration is empty")
                    && message.contains("pass a JSON object such as {"), message);
        }
    }

    @Test
    void secondGenerationTakesAtomsPerCallAndTheFirstRefusesWithoutThem() {
        String perCall = "{\"checkpoint\": \"" + Fixtures.checkpoint("tn-small") + "\", \"energy_unit\": \"kcal/mol\"}";
        long address = Bridge.create("org.tensornet4j.TensorNetPotential", perCall);
        long fixed = Bridge.create("org.tensornet4j.TensorNetPotential", config(""));
        double[] water = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};
        try (DoublePointer p = new DoublePointer(water); DoublePointer f = new DoublePointer(9); DoublePointer f1 = new DoublePointer(9);
             DoublePointer p2 = new DoublePointer(0, 0, 0, 0.74, 0, 0); DoublePointer f2 = new DoublePointer(6);
             IntPointer z = new IntPointer(8, 1, 1); IntPointer h2 = new IntPointer(1, 1); IntPointer none = new IntPointer(0, 1, 1)) {
            double e = find(address).evaluate(3, z, p, null, null, f, null, null);
            assertEquals(find(fixed).compute(3, p, null, f1), e, "per-call atoms give what the configuration's give");
            double[] a = new double[9], b = new double[9];
            f.get(a);
            f1.get(b);
            assertArrayEquals(b, a);
            double eH2 = find(address).evaluate(2, h2, p2, null, null, f2, null, null);
            assertTrue(Double.isFinite(eH2) && eH2 != e, "a different molecule on the same potential");
            assertEquals(e, find(address).evaluate(3, z, p, null, null, f, null, null), "back to water, the same energy");
            String m = assertThrows(IllegalStateException.class, () -> find(address).compute(3, p, null, f)).getMessage();
            assertTrue(m.contains("without \"atomic_numbers\"") && m.contains("tn4j_evaluate"), m);
            m = assertThrows(IllegalArgumentException.class, () -> find(address).evaluate(3, null, p, null, null, f, null, null)).getMessage();
            assertTrue(m.contains("atomic_numbers is NULL and the configuration has no \"atomic_numbers\""), m);
            m = assertThrows(IllegalArgumentException.class, () -> find(fixed).evaluate(2, null, p2, null, null, f2, null, null)).getMessage();
            assertTrue(m.contains("num_atoms is 2 but the configuration's \"atomic_numbers\" lists 3"), m);
            m = assertThrows(IllegalArgumentException.class, () -> find(address).evaluate(3, none, p, null, null, f, null, null)).getMessage();
            assertTrue(m.contains("atomic_numbers[0]: atomic number 0 is not an element"), m);
            assertEquals("kcal/mol", Bridge.energyUnit(address));
            assertEquals("", Bridge.energyUnit(fixed), "TensorNetPotential's default unit is unknown until it reads one");
            assertEquals(find(fixed).potential().cutoff(), Bridge.lengths(fixed)[0]);
        } finally {
            Bridge.release(address);
            Bridge.release(fixed);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.lengths(address)).getMessage().contains("no live potential"));
    }

    @Test
    void engineThreadsFollowTheSystemSizeUnlessTheUserChose() {
        Map<String, String> unset = Map.of();
        assertEquals(1, EngineThreads.choose(22, unset, 2));
        assertEquals(1, EngineThreads.choose(EngineThreads.SMALL_SYSTEM_ATOMS - 1, unset, 2));
        assertEquals(2, EngineThreads.choose(EngineThreads.SMALL_SYSTEM_ATOMS, unset, 2));
        assertEquals(0, EngineThreads.choose(22, Map.of("OMP_NUM_THREADS", "2"), 2), "OMP_NUM_THREADS: LibTorch's count stays");
        assertEquals(3, EngineThreads.choose(22, Map.of("TN4J_THREADS", " 3", "OMP_NUM_THREADS", "1"), 2));
        for (String bad : List.of("0", "-2", "two", "1.5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EngineThreads.choose(22, Map.of("TN4J_THREADS", bad), 2));
            assertTrue(e.getMessage().contains("TN4J_THREADS") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void stepsRunOnTheThreadsChosenForTheirSystem() {
        assumeTrue(System.getenv("OMP_NUM_THREADS") == null && System.getenv("TN4J_THREADS") == null,
                "the user's thread setting takes precedence");
        int atoms = EngineThreads.SMALL_SYSTEM_ATOMS;
        // Hydrogens 10 A apart: a large system with no neighbours, cheap to evaluate.
        double[] grid = new double[3 * atoms];
        for (int i = 0; i < atoms; i++) {
            grid[3 * i] = 10.0 * (i % 10);
            grid[3 * i + 1] = 10.0 * (i / 10);
        }
        String hydrogens = "\"atomic_numbers\": " + Collections.nCopies(atoms, 1);
        String large = "{\"checkpoint\": \"" + Fixtures.checkpoint("tn-small") + "\", " + hydrogens + "}";
        long water = Bridge.create("org.tensornet4j.TensorNetPotential", config(""));
        long many = Bridge.create("org.tensornet4j.TensorNetPotential", large);
        try (DoublePointer p = new DoublePointer(0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0); DoublePointer f = new DoublePointer(9);
             DoublePointer pMany = new DoublePointer(grid); DoublePointer fMany = new DoublePointer(3L * atoms)) {
            find(water).compute(3, p, null, f);
            assertEquals(1, torch.get_num_threads(), "a 3-atom system steps on one LibTorch thread");
            find(many).compute(atoms, pMany, null, fMany);
            assertEquals(EngineThreads.libtorchDefault(), torch.get_num_threads(), atoms + " atoms step on LibTorch's default");
            find(water).compute(3, p, null, f);
            assertEquals(1, torch.get_num_threads(), "each step sets its own system's count again");
        } finally {
            Bridge.release(water);
            Bridge.release(many);
            EngineThreads.apply(EngineThreads.libtorchDefault());
        }
    }

    private static PotentialForce find(long address) {
        return Bridge.live(address);
    }
}
