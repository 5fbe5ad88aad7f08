package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The kernels of {@link AtomParts} against the LibTorch ops they replace ({@link IrreducibleTensors}),
 * values and gradients (autograd of those ops), in float64 to 1e-13 and float32 to 1e-5, with channel
 * counts that end in a partial block of lanes (the kernels run 8 floats or 4 doubles at once).
 */
class AtomPartsTest {
    private PointerScope scope;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    @BeforeEach
    void open() {
        scope = new PointerScope();
        torch.manual_seed(7);
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @ParameterizedTest(name = "{0} atoms, {1} channels, float64 {2}")
    @CsvSource({"5, 11, true", "3, 16, true", "4, 13, false", "2, 1, true"})
    void partNormsEqualTheSplitAndItsNorms(long atoms, long f, boolean float64) {
        Tensor x = random(float64, atoms, f, 3, 3).requires_grad_(true);
        assertKernelAndGrad(x, Ops.cat(-1, IrreducibleTensors.decomposeCompact(x).squaredNorms()), AtomParts::partNorms,
                AtomParts::partNormsGrad, float64);
    }

    @ParameterizedTest(name = "{0} atoms, {1} channels, float64 {2}")
    @CsvSource({"5, 11, true", "3, 16, true", "4, 13, false", "2, 1, true"})
    void packedNormSumEqualsTheSumOfTheThreeNorms(long atoms, long f, boolean float64) {
        Tensor p = random(float64, atoms, 10, f).requires_grad_(true);
        Tensor[] norms = IrreducibleTensors.Compact.unpack(p).squaredNorms();
        assertKernelAndGrad(p, norms[0].add(norms[1]).add(norms[2]), AtomParts::packedNormSum,
                AtomParts::packedNormSumGrad, float64);
    }

    @ParameterizedTest(name = "{0} atoms, {1} channels, float64 {2}")
    @CsvSource({"5, 11, true", "3, 16, true", "4, 13, false", "2, 1, true"})
    void chargeFeaturesEqualTheIsotropicValueAndTheOtherNorms(long atoms, long f, boolean float64) {
        Tensor x = random(float64, atoms, f, 3, 3).requires_grad_(true);
        IrreducibleTensors.Compact parts = IrreducibleTensors.decomposeCompact(x);
        Tensor[] norms = parts.squaredNorms();
        assertKernelAndGrad(x, Ops.cat(-1, parts.iso(), norms[1], norms[2]), AtomParts::chargeFeatures,
                AtomParts::chargeFeaturesGrad, float64);
    }

    /** {@code kernel(input)} equals {@code expected} (LibTorch ops on {@code input}), and {@code grad} autograd's gradient. */
    private static void assertKernelAndGrad(Tensor input, Tensor expected, UnaryOperator<Tensor> kernel,
                                            BinaryOperator<Tensor> grad, boolean float64) {
        Tensor g = random(float64, Ops.shape(expected));
        Tensor expectedGrad = Autograd.grad(new Tensor[] {expected}, new Tensor[] {input}, new Tensor[] {g}, false)[0];
        assertClose(expected, kernel.apply(input.detach()), float64);
        assertClose(expectedGrad, grad.apply(input.detach(), g), float64);
    }

    private static Tensor random(boolean float64, long... shape) {
        return torch.randn(shape).to(float64 ? ScalarType.Double : ScalarType.Float);
    }

    @ParameterizedTest(name = "{0} atoms, {1} channels, float64 {2}")
    @CsvSource({"5, 11, true", "3, 16, true", "4, 13, false", "2, 1, true"})
    void embeddingOutputEqualsScaledPartsJoined(long atoms, long f, boolean float64) {
        ScalarType dtype = float64 ? ScalarType.Double : ScalarType.Float;
        Tensor mixed = torch.randn(atoms, 10, f).to(dtype).requires_grad_(true);
        Tensor factors = torch.randn(atoms, 3 * f).to(dtype).requires_grad_(true);
        Tensor byPart = factors.reshape(atoms, 3, f);
        Tensor expected = IrreducibleTensors.Compact.unpack(mixed)
                .scale(byPart.select(1, 0), byPart.select(1, 1), byPart.select(1, 2)).full();
        Tensor g = torch.randn(atoms, f, 3, 3).to(dtype);
        Tensor[] expectedGrads = Autograd.grad(new Tensor[] {expected}, new Tensor[] {mixed, factors}, new Tensor[] {g}, false);
        assertClose(expected, AtomParts.embeddingOutput(mixed.detach(), factors.detach()), float64);
        Tensor[] grads = AtomParts.embeddingOutputGrads(g, mixed.detach(), factors.detach());
        assertClose(expectedGrads[0], grads[0], float64);
        assertClose(expectedGrads[1], grads[1], float64);
    }

    @Test
    void refusesWhatTheKernelsCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomParts.embeddingOutput(torch.ones(2, 10, 4), torch.ones(2, 4)));
        assertTrue(e.getMessage().contains("per-part factors must have shape [2, 12]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AtomParts.partNorms(torch.ones(2, 4, 9)));
        assertTrue(e.getMessage().contains("full tensor must have shape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AtomParts.packedNormSum(torch.ones(2, 9, 4)));
        assertTrue(e.getMessage().contains("packed tensor must have shape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AtomParts.partNormsGrad(torch.ones(2, 4, 3, 3), torch.ones(2, 12).to(ScalarType.Double)));
        assertTrue(e.getMessage().contains("Float"), e.getMessage());
    }

    private static void assertClose(Tensor expected, Tensor actual, boolean float64) {
        assertEquals(expected.dim(), actual.dim());
        for (int d = 0; d < expected.dim(); d++) assertEquals(expected.size(d), actual.size(d), "size of dimension " + d);
        double scale = Math.max(1, expected.abs().max().item_double());
        double diff = expected.sub(actual).abs().max().item_double();
        assertTrue(diff <= (float64 ? 1e-13 : 1e-5) * scale, "max |difference| " + diff + " of " + scale);
    }
}
