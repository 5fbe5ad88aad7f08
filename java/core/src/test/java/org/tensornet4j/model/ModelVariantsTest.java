package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.CheckpointException;
import org.tensornet4j.torch.Torch;

/**
 * Architectures the public fixtures do not cover, built from tn-f64's weights with edited
 * hyper-parameters and state dicts; checked by finite differences, symmetry and exact relations
 * between variants. Also every error of matching a state dict to its hyper-parameters.
 */
class ModelVariantsTest {
    private static Path file;
    private static Map<String, Object> hp;
    private static Map<String, Tensor> sd;
    private static AtomicSystem molecule;

    @BeforeAll
    static void load() {
        Torch.init();
        file = Fixtures.checkpoint("tn-f64");
        Checkpoint c = Checkpoint.read(file);
        hp = c.hyperParameters();
        sd = c.stateDict();
        molecule = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__alanine_dipeptide.json")).system();
    }

    private static Map<String, Object> hp(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(hp);
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static double[] energyAndForce(TorchMDNet model, AtomicSystem s) {
        return ModelEvaluation.energyAndForces(model, s);
    }

    @Test
    void meanReductionIsTheSumDividedByTheAtomCount() {
        double sum = energyAndForce(ModelLoader.build(file, hp, sd), molecule)[0];
        double mean = energyAndForce(ModelLoader.build(file, hp("reduce_op", "mean"), sd), molecule)[0];
        double shift = -1.5; // the checkpoint's mean buffer
        assertEquals((sum - shift) / molecule.atomCount() + shift, mean, 1e-10);
    }

    @Test
    void zeroInteractionLayers() {
        Map<String, Tensor> noLayers = new LinkedHashMap<>(sd);
        noLayers.keySet().removeIf(k -> k.contains("representation_model.layers."));
        TorchMDNet model = ModelLoader.build(file, hp("num_layers", 0L), noLayers);
        ModelEvaluation.assertForcesMatchFiniteDifferences(model, molecule);
        assertNotEquals(energyAndForce(ModelLoader.build(file, hp, sd), molecule)[0], energyAndForce(model, molecule)[0]);
    }

    @Test
    void gaussianBasis() {
        Map<String, Tensor> gauss = new LinkedHashMap<>(sd);
        gauss.remove("model.representation_model.distance_expansion.means");
        gauss.remove("model.representation_model.distance_expansion.betas");
        gauss.put("model.representation_model.distance_expansion.offset", torch.linspace(new org.bytedeco.pytorch.Scalar(0.0),
                new org.bytedeco.pytorch.Scalar(5.0), 16, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Double)));
        gauss.put("model.representation_model.distance_expansion.coeff", Tensor.create(-0.5 / (1.0 / 3 * 1.0 / 3)).reshape());
        TorchMDNet model = ModelLoader.build(file, hp("rbf_type", "gauss"), gauss);
        ModelEvaluation.assertForcesMatchFiniteDifferences(model, molecule);
    }

    /** A lower cutoff: the cosine cutoff is then a full period over (lower, upper), its derivative too. */
    @Test
    void lowerCutoff() {
        TorchMDNet model = ModelLoader.build(file, hp("cutoff_lower", 1.05), sd);
        ModelEvaluation.assertForcesMatchFiniteDifferences(model, molecule);
        assertNotEquals(energyAndForce(ModelLoader.build(file, hp, sd), molecule)[0], energyAndForce(model, molecule)[0]);
    }

    @Test
    void hiddenLayersInTheOutputMlp() {
        Map<String, Tensor> mlp = new LinkedHashMap<>(sd);
        String p = "model.output_model.output_network.layers.";
        mlp.put(p + "4.weight", mlp.remove(p + "2.weight"));
        mlp.put(p + "4.bias", mlp.remove(p + "2.bias"));
        mlp.put(p + "2.weight", torch.eye(16, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Double)).mul(new org.bytedeco.pytorch.Scalar(0.7)));
        mlp.put(p + "2.bias", torch.zeros(new long[] {16}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Double)));
        TorchMDNet model = ModelLoader.build(file, hp("output_mlp_num_layers", 1L), mlp);
        ModelEvaluation.assertForcesMatchFiniteDifferences(model, molecule);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ssp", "tanh", "sigmoid"})
    void otherActivations(String activation) {
        TorchMDNet model = ModelLoader.build(file, hp("activation", activation), sd);
        ModelEvaluation.assertForcesMatchFiniteDifferences(model, molecule);
    }

    @Test
    void missingUnexpectedAndMisshapenKeysAreAllListed() {
        Map<String, Tensor> broken = new LinkedHashMap<>(sd);
        broken.remove("model.representation_model.linear.bias");
        broken.put("model.representation_model.extra.weight", Tensor.create(1.0, 2.0));
        broken.put("model.representation_model.out_norm.weight", Tensor.create(1.0, 2.0));
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp, broken));
        String m = e.getMessage();
        assertTrue(m.startsWith("checkpoint " + file), m);
        assertTrue(m.contains("missing keys: representation_model.linear.bias [32]"), m);
        assertTrue(m.contains("unexpected keys: representation_model.extra.weight"), m);
        assertTrue(m.contains("representation_model.out_norm.weight: checkpoint has [2], model expects [96]"), m);
    }

    @Test
    void hyperParametersThatDoNotMatchTheWeights() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> ModelLoader.build(file, hp("embedding_dimension", 64L), sd));
        assertTrue(e.getMessage().contains("shape mismatches"), e.getMessage());
        CheckpointException gauss = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp("rbf_type", "gauss"), sd));
        assertTrue(gauss.getMessage().contains("missing keys: representation_model.distance_expansion.offset"), gauss.getMessage());
    }

    @Test
    void unsupportedChoicesListWhatIsSupported() {
        String m = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp("model", "equivariant-transformer"), sd)).getMessage();
        assertTrue(m.contains("unsupported model type 'equivariant-transformer'; supported: tensornet"), m);
        m = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp("output_model", "DipoleMoment"), sd)).getMessage();
        assertTrue(m.contains("supported: Scalar"), m);
        m = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp("activation", "relu"), sd)).getMessage();
        assertTrue(m.contains("supported are ssp, silu, tanh, sigmoid"), m);
        m = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp("precision", 16L), sd)).getMessage();
        assertTrue(m.contains("unsupported precision 16"), m);
        m = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, hp("equivariance_invariance_group", "SE(3)"), sd)).getMessage();
        assertTrue(m.contains("choose O(3) or SO(3)"), m);
        m = assertThrows(CheckpointException.class, () -> ModelLoader.build(file, new LinkedHashMap<>(), sd)).getMessage();
        assertTrue(m.contains("no hyper-parameters"), m);
    }
}
