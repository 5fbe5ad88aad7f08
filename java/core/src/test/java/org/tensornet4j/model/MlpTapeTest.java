package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensornet4j.nn.Activation;
import org.tensornet4j.nn.Linear;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Torch;

/**
 * {@link MlpTape}'s forward pass and its backward pass by hand give autograd's output and input
 * gradient, for every activation, in float64 and float32: bit for bit where LibTorch's functions run
 * (every activation but SiLU), to the rounding of the exp where SiLU runs in the native kernel; its
 * tangent (forward mode) agrees with that gradient.
 */
class MlpTapeTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void equalsAutograd(Activation act) {
        for (ScalarType dtype : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            try (PointerScope scope = new PointerScope()) {
                torch.manual_seed(3);
                long[] sizes = {7, 16, 24, 12};
                Map<String, Tensor> params = new HashMap<>();
                for (int k = 0; k + 1 < sizes.length; k++) {
                    params.put("l" + k + ".weight", torch.randn(sizes[k + 1], sizes[k]).to(dtype));
                    params.put("l" + k + ".bias", torch.randn(sizes[k + 1]).to(dtype));
                }
                ParameterStore p = new ParameterStore(Path.of("test"), params, dtype);
                Linear[] layers = new Linear[sizes.length - 1];
                for (int k = 0; k < layers.length; k++) layers[k] = new Linear(p, "l" + k, sizes[k], sizes[k + 1], true);
                Tensor x = torch.randn(9, sizes[0]).to(dtype).mul(org.tensornet4j.torch.Ops.scalar(3.0)).requires_grad_(true);
                Tensor h = x;
                for (Linear l : layers) h = act.apply(l.apply(h));
                Tensor g = torch.randn(9, sizes[sizes.length - 1]).to(dtype);
                Tensor expectedGrad = new Tensor(torch.grad(new TensorVector(h), new TensorVector(x), new TensorVector(g), new org.bytedeco.pytorch.BoolOptional(false), false, false).get(0));

                // Relative to the largest value: SiLU's native pass rounds its exp differently from LibTorch's.
                double tolerance = act != Activation.SILU ? 0 : dtype == ScalarType.Double ? 1e-14 : 1e-5;
                MlpTape tape = new MlpTape(layers, act, x.detach());
                assertClose(h.detach(), tape.output(), tolerance, act + " " + dtype + " output");
                Tensor grad = tape.inputGrad(g);
                assertClose(expectedGrad, grad, tolerance, act + " " + dtype + " input gradient");
                assertTrue(grad.abs().max().item_double() > 0, "a gradient that can be told apart from zero");
                MlpTape restored = MlpTape.restore(layers, act, tape.tensors());
                assertEquals(0, restored.inputGrad(g).sub(grad).abs().max().item_double(), "restored tape");
                assertThrows(IllegalArgumentException.class, () -> MlpTape.restore(layers, act, new Tensor[] {x}));
                // The tangent is the Jacobian times u, the input gradient its transpose times g: per row,
                // g . (J u) = (J^T g) . u.
                Tensor u = torch.randn(9, sizes[0]).to(dtype);
                Tensor tangent = tape.tangent(u);
                Tensor viaTangent = tangent.mul(g).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
                Tensor viaGradient = grad.mul(u).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
                double scale = viaGradient.abs().max().item_double();
                assertTrue(viaTangent.sub(viaGradient).abs().max().item_double() < (dtype == ScalarType.Double ? 1e-12 : 1e-5) * scale,
                        act + " " + dtype + " tangent");
                assertTrue(tangent.abs().max().item_double() > 0, "a tangent that can be told apart from zero");
            }
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, double relative, String what) {
        double error = actual.sub(expected).abs().max().item_double();
        double scale = expected.abs().max().item_double();
        assertTrue(error <= relative * scale, what + ": off by " + error + " of " + scale);
    }
}
