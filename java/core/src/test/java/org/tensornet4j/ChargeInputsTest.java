package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.CheckpointException;
import org.tensornet4j.torch.Torch;

/**
 * Charges a model ignores are reported once per potential, not at every call; the hyper-parameters
 * of TensorNet2 and its Coulomb head are checked with messages that say what to fix.
 */
class ChargeInputsTest {
    private static final AtomicSystem ALANINE = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__alanine_dipeptide.json")).system();

    @Test
    void ignoredChargesAreReportedOnce() {
        Torch.init();
        Checkpoint c = Checkpoint.read(Fixtures.checkpoint("tn-f64"));
        Map<String, Object> hp = new LinkedHashMap<>(c.hyperParameters());
        hp.put("num_layers", 0L);
        Map<String, Tensor> sd = new LinkedHashMap<>(c.stateDict());
        sd.keySet().removeIf(k -> k.contains("representation_model.layers."));
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(TensorNetPotential.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { warnings.add(r.getMessage()); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(capture);
        try (TensorNetPotential noLayers = TensorNetPotential.fromStateDict(hp, sd, Device.CPU)) {
            double neutral = noLayers.compute(ALANINE).energy()[0];
            for (int k = 0; k < 3; k++) {
                assertEquals(neutral, noLayers.compute(ALANINE.withCharges(2.0).withPartialCharges(new double[ALANINE.atomCount()]))
                        .energy()[0], 1e-12);
            }
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("the total charge given is ignored"), warnings.get(0));
        assertTrue(warnings.get(1).contains("the partial charges given are ignored"), warnings.get(1));
    }

    @Test
    void tensorNet2HyperParameterErrors() {
        Torch.init();
        Map<String, Tensor> sd = RandomTensorNet2.stateDict(1, true);
        String m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(
                RandomTensorNet2.hyperParameters("q_weights", List.of(1.0, 1.0)), sd, Device.CPU)).getMessage();
        assertTrue(m.contains("'q_weights' is [1.0, 1.0] but must be a list of num_layers + 1 = 3 weights"), m);
        Map<String, Object> noWeights = RandomTensorNet2.hyperParameters();
        noWeights.remove("q_weights");
        m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(noWeights, sd, Device.CPU)).getMessage();
        assertTrue(m.contains("needs the hyper-parameter 'q_weights'"), m);
        m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(
                RandomTensorNet2.hyperParameters("model", "tensornet"), sd, Device.CPU)).getMessage();
        assertTrue(m.contains("output_model ScalarPlusWeightedCoulomb needs predicted charges, which only model tensornet2 gives"), m);
        m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(
                RandomTensorNet2.hyperParameters("model", "tensornet3"), sd, Device.CPU)).getMessage();
        assertTrue(m.contains("unsupported model type 'tensornet3'; supported: tensornet, tensornet2"), m);
        m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(
                RandomTensorNet2.hyperParameters("coulomb_cutoff", -2.0), sd, Device.CPU)).getMessage();
        assertTrue(m.contains("'coulomb_cutoff' is -2.0 but must be a positive distance"), m);
        m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(
                RandomTensorNet2.hyperParameters("q_dim", 4L), sd, Device.CPU)).getMessage();
        assertTrue(m.contains("shape mismatches") && m.contains("output_model.qweights"), m);
        // the Scalar head has no qweights buffer
        m = assertThrows(CheckpointException.class, () -> TensorNetPotential.fromStateDict(
                RandomTensorNet2.hyperParameters("output_model", "Scalar"), sd, Device.CPU)).getMessage();
        assertTrue(m.contains("unexpected keys: output_model.qweights"), m);
    }

    @Test
    void architectureClassNamesAreAcceptedAsModelNames() {
        Torch.init();
        try (TensorNetPotential a = RandomTensorNet2.potential(4);
             TensorNetPotential b = RandomTensorNet2.potential(4, "model", "TensorNet2")) {
            AtomicSystem s = ALANINE.withCharges(0.0);
            assertEquals(a.compute(s).energy()[0], b.compute(s).energy()[0], 0);
            assertEquals("tensornet2", b.config().model());
        }
    }
}
