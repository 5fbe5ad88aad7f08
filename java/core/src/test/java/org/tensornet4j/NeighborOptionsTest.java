package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * Neither the neighbour search (brute force, cell list) nor static shapes change what the model
 * computes: the same energies and forces on the fixture systems, periodic included, and each one
 * within the parity tolerance of TorchMD-Net's reference.
 */
class NeighborOptionsTest {
    private static final Map<String, TensorNetPotential> MODELS = new HashMap<>();

    @AfterAll
    static void close() {
        MODELS.values().forEach(TensorNetPotential::close);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "tn-small__caffeine.json", "tn-small__batch_caffeine_alanine_dipeptide.json", "tn-small__chignolin.json",
        "tn-f64__chignolin.json",
    })
    void sameEnergiesAndForcesWithEverySearchAndStaticShapes(String file) {
        Fixtures.Reference ref = Fixtures.reference(Fixtures.tensornet().resolve(file));
        double tol = ref.dtype().equals("float64") ? 1e-12 : 1e-6;
        PotentialOutput brute = model(ref.checkpoint(), NeighborStrategy.BRUTE_FORCE, false).compute(ref.system());
        PotentialOutput cell = model(ref.checkpoint(), NeighborStrategy.CELL_LIST, false).compute(ref.system());
        // Same pairs in the same order: the sums are the same to the last bit.
        assertArrayEquals(brute.energy(), cell.energy(), "energy, brute force vs cell list");
        for (int i = 0; i < brute.forces().length; i++) assertArrayEquals(brute.forces()[i], cell.forces()[i], "force on " + i);
        for (NeighborStrategy strategy : List.of(NeighborStrategy.BRUTE_FORCE, NeighborStrategy.CELL_LIST)) {
            assertClose(brute, model(ref.checkpoint(), strategy, true).compute(ref.system()), tol, "static shapes, " + strategy);
        }
        assertParity(ref, cell);
    }

    /** The solvated periodic box, with the cell list and with static shapes. */
    @Test
    void periodicBoxWithCellListAndStaticShapes() {
        Fixtures.Reference ref = Fixtures.reference(Fixtures.tensornet().resolve("tn-small__alanine_dipeptide_explicit_pbc.json"));
        PotentialOutput cell = model(ref.checkpoint(), NeighborStrategy.CELL_LIST, false).compute(ref.system());
        assertParity(ref, cell);
        assertClose(cell, model(ref.checkpoint(), NeighborStrategy.CELL_LIST, true).compute(ref.system()), 1e-6, "static shapes");
    }

    @Test
    void staticShapesOverflowNamesTheAtomAndItsCount() {
        Fixtures.Reference ref = Fixtures.reference(Fixtures.tensornet().resolve("tn-small__chignolin.json"));
        try (TensorNetPotential p = TensorNetPotential.load(ref.checkpoint(), Device.CPU,
                Map.of("static_shapes", true, "max_num_neighbors", 8L), NeighborStrategy.CELL_LIST)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.compute(ref.system()));
            assertTrue(e.getMessage().contains("static-shape"), e.getMessage());
            assertTrue(e.getMessage().matches("(?s).*max_num_neighbors \\(8\\) x 166 atoms.*atom \\d+ has \\d+ neighbours.*"), e.getMessage());
        }
    }

    @Test
    void legacyCheckpointsTakeTheStaticShapesOverride() {
        Fixtures.Reference ref = Fixtures.reference(Fixtures.tensornet().resolve("tn-oldformat__caffeine.json"));
        try (TensorNetPotential p = TensorNetPotential.load(ref.checkpoint(), Device.CPU, Map.of("static_shapes", true))) {
            assertTrue(p.config().staticShapes());
            assertParity(ref, p.compute(ref.system()));
        }
    }

    @Test
    void theStrategyIsReported() {
        try (TensorNetPotential p = TensorNetPotential.load(Fixtures.checkpoint("tn-small"))) {
            assertEquals(NeighborStrategy.AUTO, p.neighborStrategy());
        }
    }

    private static TensorNetPotential model(Path checkpoint, NeighborStrategy strategy, boolean staticShapes) {
        return MODELS.computeIfAbsent(checkpoint + " " + strategy + " " + staticShapes,
                k -> TensorNetPotential.load(checkpoint, Device.CPU, Map.of("static_shapes", staticShapes), strategy));
    }

    /** DESIGN.md's parity tolerances against TorchMD-Net's reference. */
    private static void assertParity(Fixtures.Reference ref, PotentialOutput actual) {
        boolean f64 = ref.dtype().equals("float64");
        assertClose(new PotentialOutput(ref.energy(), ref.forces()), actual, f64 ? 1e-9 : 1e-5, f64 ? 1e-9 : 1e-4, "vs TorchMD-Net");
    }

    private static void assertClose(PotentialOutput expected, PotentialOutput actual, double tol, String what) {
        assertClose(expected, actual, tol, tol, what);
    }

    /** DESIGN.md's rule: |dE| <= tol max(1, |E|), max |dF| <= forceTol max(1, max |F|). */
    private static void assertClose(PotentialOutput expected, PotentialOutput actual, double tol, double forceTol, String what) {
        assertEquals(expected.energy().length, actual.energy().length, what + ": molecules");
        for (int m = 0; m < expected.energy().length; m++) {
            double e = expected.energy()[m];
            assertEquals(e, actual.energy()[m], tol * Math.max(1, Math.abs(e)), what + ": energy " + m);
        }
        double maxF = 0;
        for (double[] f : expected.forces()) for (double v : f) maxF = Math.max(maxF, Math.abs(v));
        double worst = 0;
        for (int i = 0; i < expected.forces().length; i++) {
            for (int k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(expected.forces()[i][k] - actual.forces()[i][k]));
        }
        assertTrue(worst <= forceTol * Math.max(1, maxF), what + ": max force deviation " + worst);
    }
}
