package org.tensornet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.tensornet4j.data.Molecule;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The parameter gradient of the energy + force loss (forces by autograd with create_graph) against
 * central finite differences of the loss, in float64, for entries of parameters in every stage.
 */
class ForceLossGradientTest {
    private static final List<String> CHECKED = List.of(
            "representation_model.tensor_embedding.distance_proj1.weight",
            "representation_model.tensor_embedding.emb2.weight",
            "representation_model.tensor_embedding.linears_tensor.1.weight",
            "representation_model.layers.0.linears_scalar.0.weight",
            "representation_model.layers.0.linears_tensor.4.weight",
            "representation_model.out_norm.weight",
            "output_model.output_network.layers.0.bias");

    @Test
    void forceLossGradientMatchesFiniteDifferences() {
        Torch.init();
        List<Molecule> ms = TinyData.molecules(3, 11);
        Map<String, Object> c = TinyData.config(Path.of("unused.h5"), Path.of("unused"), 1);
        c.put("precision", 64);
        TrainingConfig config = TrainingConfig.of(c, null);
        Map<String, Object> hp = ModelSetup.hyperParameters(config, ModelSetup.MODEL_DEFAULTS);
        Loss loss = new Loss(0.3, 1.0);
        try (TorchMDNet model = ModelSetup.fresh(hp, Statistics.of(ms, false, true, 10), 5);
             PointerScope scope = new PointerScope()) {
            Map<String, Tensor> params = ModelSetup.trainable(model);
            for (Tensor p : params.values()) p.requires_grad_(true);
            Batch b = Batch.of(ms, model.config().dtype());
            loss.total(loss.terms(Prediction.of(model, b, true), b)).backward();
            int checked = 0;
            for (String name : CHECKED) {
                Tensor p = params.get(name);
                double[] analytic = Ops.toDoubles(p.grad());
                Tensor flat = p.detach().view(-1);
                for (long i : new long[] {0, flat.numel() / 2, flat.numel() - 1}) {
                    double h = 1e-5;
                    double original = flat.get(i).item_double();
                    double plus = lossAt(model, loss, ms, flat, i, original + h);
                    double minus = lossAt(model, loss, ms, flat, i, original - h);
                    setEntry(flat, i, original);
                    double numeric = (plus - minus) / (2 * h);
                    double a = analytic[(int) i];
                    assertEquals(numeric, a, 1e-6 * Math.max(1, Math.abs(numeric)), name + "[" + i + "]");
                    checked += Math.abs(a) > 1e-4 ? 1 : 0;
                }
            }
            assertTrue(checked >= CHECKED.size(), "too few non-zero gradient entries were compared: " + checked);
        }
    }

    private static double lossAt(TorchMDNet model, Loss loss, List<Molecule> ms, Tensor flat, long i, double value) {
        setEntry(flat, i, value);
        Batch b = Batch.of(ms, model.config().dtype());
        return loss.total(loss.terms(Prediction.of(model, b, false), b)).item_double();
    }

    private static void setEntry(Tensor flat, long i, double value) {
        try (NoGrad off = NoGrad.enter()) {
            flat.get(i).fill_(Ops.scalar(value));
        }
    }
}
