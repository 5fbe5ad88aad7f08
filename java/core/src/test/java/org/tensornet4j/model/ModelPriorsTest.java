package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.CheckpointException;
import org.tensornet4j.priors.Atomref;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/** The tn-priors checkpoint with edited hyper-parameters and state dicts: Atomref switching, remove_ref_energy, buffer errors. */
class ModelPriorsTest {
    /** TorchMD-Net's load_model(..., remove_ref_energy=False): the reference energies back on. */
    private static final LoadOptions REFERENCE_ENERGIES_ON = LoadOptions.DEFAULT.withOverrides(Map.of("remove_ref_energy", false));

    private static Path file;
    private static Map<String, Object> hp;
    private static Map<String, Tensor> sd;
    private static AtomicSystem caffeine;

    @BeforeAll
    static void load() {
        Torch.init();
        file = Fixtures.checkpoint("tn-priors");
        Checkpoint c = Checkpoint.read(file);
        hp = c.hyperParameters();
        sd = c.stateDict();
        caffeine = Fixtures.reference(Fixtures.tensornet().resolve("tn-priors__caffeine.json")).system();
    }

    private static double energy(TorchMDNet model, AtomicSystem s) {
        try (PointerScope scope = new PointerScope()) {
            Tensor z = Tensor.create(s.atomicNumbers());
            Tensor pos = Tensor.create(s.flatPositions(), s.atomCount(), 3).to(z.device(), ScalarType.Float);
            return model.energy(ModelInputs.of(z, pos)).item_double();
        }
    }

    /** The hyper-parameters with the Atomref prior (entry 2 of prior_args) enabled or not, and remove_ref_energy set. */
    private static Map<String, Object> withAtomref(boolean enable, boolean removeRefEnergy) {
        List<Object> args = new ArrayList<>((List<?>) hp.get("prior_args"));
        Map<String, Object> atomref = new LinkedHashMap<>(castMap(args.get(2)));
        atomref.put("enable", enable);
        args.set(2, atomref);
        Map<String, Object> out = new LinkedHashMap<>(hp);
        out.put("prior_args", args);
        out.put("remove_ref_energy", removeRefEnergy);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static double referenceSum(AtomicSystem s) {
        double[] table = Ops.toDoubles(sd.get("model.prior_model.2.atomref.weight"));
        double sum = 0;
        for (long z : s.atomicNumbers()) sum += table[(int) z];
        return sum;
    }

    @Test
    void priorsAreBuiltInCheckpointOrder() {
        TorchMDNet model = ModelLoader.load(file);
        assertEquals(List.of("ZBL", "D2", "Atomref"), model.priors().stream().map(p -> p.name()).toList());
    }

    @Test
    void disabledAtomrefLeavesTheReferenceEnergiesOut() {
        double enabled = energy(ModelLoader.build(file, withAtomref(true, false), sd), caffeine);
        double disabled = energy(ModelLoader.build(file, withAtomref(false, false), sd), caffeine);
        double expected = referenceSum(caffeine);
        assertTrue(Math.abs(expected) > 10, "caffeine's reference energies are large: " + expected);
        assertEquals(expected, enabled - disabled, 1e-4);
    }

    @Test
    void removeRefEnergyFalseSwitchesTheAtomrefOfADeltaLearningModelOn() {
        double full = energy(ModelLoader.build(file, withAtomref(true, false), sd), caffeine);
        Map<String, Object> delta = withAtomref(false, true);
        double asTrained = energy(ModelLoader.build(file, delta, sd), caffeine);
        double total = energy(ModelLoader.build(file, delta, sd, REFERENCE_ENERGIES_ON), caffeine);
        assertEquals(full, total, 0);
        assertEquals(referenceSum(caffeine), total - asTrained, 1e-4);
        TorchMDNet on = ModelLoader.build(file, delta, sd, REFERENCE_ENERGIES_ON);
        assertTrue(((Atomref) on.priors().get(2)).enabled());
        // Without the override, or on a model not trained with remove_ref_energy, nothing changes.
        assertEquals(asTrained, energy(ModelLoader.build(file, withAtomref(false, false), sd, REFERENCE_ENERGIES_ON), caffeine), 0);
    }

    @Test
    void removeRefEnergyNeedsAnAtomrefAsLastPrior() {
        Map<String, Object> delta = withAtomref(false, true);
        delta.put("prior_model", List.of(Map.of("Atomref", Map.of()), Map.of("ZBL", Map.of()), Map.of("D2", Map.of())));
        List<Object> args = new ArrayList<>((List<?>) hp.get("prior_args"));
        delta.put("prior_args", List.of(args.get(2), args.get(0), args.get(1)));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> ModelLoader.build(file, delta, sd, REFERENCE_ENERGIES_ON));
        assertTrue(e.getMessage().contains("expects the last prior to be Atomref, but it is D2"), e.getMessage());
    }

    @Test
    void mismatchedPriorBuffersAreReportedByName() {
        Map<String, Tensor> edited = new LinkedHashMap<>(sd);
        edited.put("model.prior_model.2.atomref.weight", torch.zeros(new long[] {50, 1}, new TensorOptions(ScalarType.Float)));
        edited.remove("model.prior_model.0.atomic_number");
        edited.remove("model.prior_model.1.C_6");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp, edited));
        assertTrue(e.getMessage().contains("missing keys: prior_model.0.atomic_number [100], prior_model.1.C_6 [55]"), e.getMessage());
        assertTrue(e.getMessage().contains("prior_model.2.atomref.weight: checkpoint has [50, 1], model expects [100, 1]"), e.getMessage());
    }

    @Test
    void coulombPriorTakesPartialChargesFromTheInput() {
        Checkpoint small = Checkpoint.read(Fixtures.checkpoint("tn-small"));
        Map<String, Object> withCoulomb = new LinkedHashMap<>(small.hyperParameters());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("lower_switch_distance", 0.1);
        args.put("upper_switch_distance", 0.4);
        args.put("max_num_neighbors", 64L);
        args.put("distance_scale", 1e-10);
        args.put("energy_scale", 1.602176634e-19);
        withCoulomb.put("prior_model", List.of(Map.of("Coulomb", args)));
        withCoulomb.remove("prior_args"); // tn-small stores an empty list, which would replace the arguments above
        TorchMDNet plain = ModelLoader.build(small.source(), small.hyperParameters(), small.stateDict());
        TorchMDNet coulomb = ModelLoader.build(small.source(), withCoulomb, small.stateDict());
        int n = caffeine.atomCount();
        double[] q = new double[n];
        for (int i = 0; i < n; i++) q[i] = 0.05 * ((i * 7) % 5 - 2);
        double[][] x = caffeine.positions();
        double expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double r = 0;
                for (int k = 0; k < 3; k++) r += (x[i][k] - x[j][k]) * (x[i][k] - x[j][k]);
                double rNm = Math.sqrt(r) * 0.1;
                double phase = (Math.max(0.1, Math.min(0.4, rNm)) - 0.1) / 0.3;
                expected += 2.30707e-28 / 1.602176634e-19 / 1e-10 * (0.5 - 0.5 * Math.cos(Math.PI * phase)) * q[i] * q[j] / rNm;
            }
        }
        double withCharges;
        try (PointerScope scope = new PointerScope()) {
            Tensor z = Tensor.create(caffeine.atomicNumbers());
            Tensor pos = Tensor.create(caffeine.flatPositions(), n, 3).to(z.device(), ScalarType.Float);
            Tensor charges = Tensor.create(q).to(z.device(), ScalarType.Float);
            withCharges = coulomb.energy(new ModelInputs(z, pos, null, 1, null, null, charges)).item_double();
        }
        assertEquals(expected, withCharges - energy(plain, caffeine), 1e-4 * Math.max(1, Math.abs(expected)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> coulomb.validatePriorInputs(caffeine.atomicNumbers(), null, null));
        assertTrue(e.getMessage().contains("partial charge"), e.getMessage());
    }

    @Test
    void priorErrorsNameTheCheckpoint() {
        Map<String, Object> unknown = new LinkedHashMap<>(hp);
        unknown.put("prior_model", "Morse");
        unknown.remove("prior_args");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, unknown, sd));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("unknown prior 'Morse'"), e.getMessage());
    }
}
