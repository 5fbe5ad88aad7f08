package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The native SiLU pass ({@link ActivationKernel}) against LibTorch's silu and silu_backward, on
 * values from far below to far above the range where the exp saturates, in float32 and float64; and
 * the tensors it cannot write into refused with a message.
 */
class ActivationKernelTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void matchesLibTorchOverTheWholeRange() {
        for (ScalarType dtype : new ScalarType[] {ScalarType.Float, ScalarType.Double}) {
            try (PointerScope scope = new PointerScope()) {
                torch.manual_seed(5);
                long width = 37;
                // Normal values, then a row of extremes: exp(-x) over- and underflows at +-88 (float32), +-709 (float64).
                Tensor normal = torch.randn(40, width).mul(Ops.scalar(6.0));
                Tensor extremes = torch.linspace(Ops.scalar(-800), Ops.scalar(800), width).unsqueeze(0);
                Tensor z = Ops.cat(0, normal, extremes, torch.zeros(1, width)).to(dtype);
                Tensor bias = torch.randn(width).to(dtype);
                Tensor x = z.add(bias);
                Tensor expected = torch.silu(x);
                Tensor expectedDerivative = torch.silu_backward(torch.ones_like(x), x);

                Tensor h = z.clone();
                Tensor d = ActivationKernel.siluInPlace(h, bias);
                double tolerance = dtype == ScalarType.Double ? 4e-16 : 2e-7;
                // Relative to the value, and at least to 1 (both cross zero).
                assertTrue(relativeError(h, expected) <= 4 * tolerance, dtype + " silu off by " + relativeError(h, expected));
                assertTrue(relativeError(d, expectedDerivative) <= 4 * tolerance,
                        dtype + " derivative off by " + relativeError(d, expectedDerivative));
                assertEquals(0, h.isnan().any().item_int() + d.isnan().any().item_int(), "no NaN at the extremes");
                // Without a bias: the product as it is.
                Tensor h2 = x.clone();
                Tensor d2 = ActivationKernel.siluInPlace(h2, null);
                assertEquals(0, h2.sub(h).abs().max().item_double(), "the same values with the bias added before");
                assertEquals(0, d2.sub(d).abs().max().item_double());
            }
        }
    }

    private static double relativeError(Tensor actual, Tensor expected) {
        return actual.sub(expected).abs().div(expected.abs().clamp_min(Ops.scalar(1.0))).max().item_double();
    }

    @Test
    void refusesWhatItCannotWriteInto() {
        try (PointerScope scope = new PointerScope()) {
            Tensor transposed = torch.ones(4, 3).t();
            assertMessage(() -> ActivationKernel.siluInPlace(transposed, null), "contiguous");
            assertMessage(() -> ActivationKernel.siluInPlace(torch.ones(3, 4), torch.ones(5)), "bias must have shape [4]");
            assertMessage(() -> ActivationKernel.siluInPlace(torch.ones(3, 4), torch.ones(4).to(ScalarType.Double)),
                    "Double");
            assertMessage(() -> ActivationKernel.siluInPlace(torch.ones(3, 4).to(ScalarType.Int), null), "float32/float64");
            assertMessage(() -> ActivationKernel.siluInPlace(torch.ones(2, 3, 4), null), "[rows, width]");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
