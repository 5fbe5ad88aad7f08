package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.CheckpointException;
import org.tensornet4j.model.LoadOptions;
import org.tensornet4j.model.ModelConfig;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.torch.Torch;

/**
 * What TorchMD-Net refuses, tn4j refuses too, with the reason and the fix (docs/refusals.md lists
 * every one and the test that covers it); and load-time overrides are limited to the keys the model reads.
 */
class RefusalsTest {
    private static final long[] WATER_Z = {8, 1, 1};
    private static final double[][] WATER = {{0, 0, 0}, {0.96, 0, 0}, {-0.24, 0.93, 0}};
    private static final double[][] BOX = {{30, 0, 0}, {0, 30, 0}, {0, 0, 30}};

    /** TorchMD-Net: ValueError("PBC is not supported with coulomb_cutoff = None"); tn4j adds the fix. */
    @Test
    void tensorNet2WithoutCoulombCutoffRefusesABox() {
        AtomicSystem water = AtomicSystem.of(WATER_Z, WATER).withCharges(0.0);
        try (TensorNetPotential allPairs = RandomTensorNet2.potential(1);
             TensorNetPotential withCutoff = RandomTensorNet2.potential(1, "coulomb_cutoff", 10.0)) {
            String m = assertThrows(IllegalArgumentException.class, () -> allPairs.compute(water.withBox(BOX))).getMessage();
            assertTrue(m.contains("PBC is not supported with coulomb_cutoff = None"), m);
            assertTrue(m.contains("--set coulomb_cutoff=10") && m.contains("\"hyperparameters\"") && m.contains("setHyperParameter"), m);
            // The engine path refuses it too.
            Tensor pos = Tensor.create(new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, 3, 3);
            Tensor box = Tensor.create(new double[] {30, 0, 0, 0, 30, 0, 0, 0, 30}, 3, 3);
            m = assertThrows(IllegalArgumentException.class,
                    () -> allPairs.computeInto(WATER_Z, pos, box, 0.0, pos.new_zeros(3, 3))).getMessage();
            assertTrue(m.contains("PBC is not supported with coulomb_cutoff = None"), m);
            // Without a box, and with a cutoff in a box, it evaluates.
            assertTrue(Double.isFinite(allPairs.compute(water).energy()[0]));
            assertTrue(Double.isFinite(withCutoff.compute(water.withBox(BOX)).energy()[0]));
        }
    }

    @Test
    void overridesAreLimitedToTheKeysTheModelReads() {
        Torch.init();
        Checkpoint small = Checkpoint.read(Fixtures.checkpoint("tn-small"));
        String m = assertThrows(IllegalArgumentException.class, () -> buildWith(small, Map.of("max_num_neighbours", 96))).getMessage();
        assertTrue(m.contains("unknown hyper-parameter 'max_num_neighbours'") && m.contains("max_num_neighbors, "), m);
        // TensorNet2's Coulomb keys mean nothing to TensorNet: refused, not ignored.
        m = assertThrows(IllegalArgumentException.class, () -> buildWith(small, Map.of("coulomb_cutoff", 10.0))).getMessage();
        assertTrue(m.contains("unknown hyper-parameter 'coulomb_cutoff'"), m);
        // TorchMD-Net's load_model keywords that are not hyper-parameters.
        assertTrue(ModelConfig.overridableKeys(small.hyperParameters()).containsAll(java.util.List.of("remove_ref_energy", "derivative",
                "precision", "static_shapes", "max_num_neighbors", "cutoff_upper", "box_vecs")));
        assertTrue(ModelConfig.overridableKeys(RandomTensorNet2.hyperParameters()).containsAll(java.util.List.of("coulomb_cutoff",
                "coulomb_max_num_neighbors", "coulomb_epsilon_solvent", "q_dim", "q_weights")));
        // A known key with a bad value names the key.
        CheckpointException bad = assertThrows(CheckpointException.class, () -> buildWith(small, Map.of("precision", "half")));
        assertTrue(bad.getMessage().contains("'precision' is half but must be an integer"), bad.getMessage());
    }

    /** TorchMD-Net asserts these in TensorNet's constructor; tn4j names the choices. */
    @Test
    void unknownChoicesOfTheNetwork() {
        Torch.init();
        Checkpoint small = Checkpoint.read(Fixtures.checkpoint("tn-small"));
        String m = assertThrows(CheckpointException.class, () -> buildWith(small, Map.of("rbf_type", "bessel"))).getMessage();
        assertTrue(m.contains("unknown rbf_type 'bessel'; supported: expnorm, gauss"), m);
        m = assertThrows(CheckpointException.class, () -> buildWith(small, Map.of("cutoff_lower", 6.0))).getMessage();
        assertTrue(m.contains("0 <= cutoff_lower < cutoff_upper"), m);
    }

    @Test
    void coulombEpsilonSolventIsReadAndChecked() {
        AtomicSystem water = AtomicSystem.of(WATER_Z, WATER).withCharges(0.0).withBox(BOX);
        try (TensorNetPotential water78 = RandomTensorNet2.potential(1, "coulomb_cutoff", 10.0);
             TensorNetPotential vacuum = RandomTensorNet2.potential(1, "coulomb_cutoff", 10.0, "coulomb_epsilon_solvent", 1.0)) {
            double a = water78.compute(water).energy()[0], b = vacuum.compute(water).energy()[0];
            assertTrue(a != b, "the reaction field depends on coulomb_epsilon_solvent: " + a);
        }
        Map<String, Object> hp = new LinkedHashMap<>(RandomTensorNet2.hyperParameters("coulomb_cutoff", 10.0));
        hp.put("coulomb_epsilon_solvent", 0.5);
        String m = assertThrows(IllegalArgumentException.class, () -> ModelConfig.from(hp)).getMessage();
        assertEquals(true, m.contains("'coulomb_epsilon_solvent' is 0.5"), m);
    }

    /** The checkpoint's model with some hyper-parameters overridden. */
    private static void buildWith(Checkpoint c, Map<String, Object> overrides) {
        ModelLoader.build(c.source(), c.hyperParameters(), c.stateDict(), LoadOptions.DEFAULT.withOverrides(overrides)).close();
    }
}
