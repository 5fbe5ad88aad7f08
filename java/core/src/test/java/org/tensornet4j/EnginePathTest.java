package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.tensornet4j.torch.Ops;

/**
 * The engine path ({@code computeInto}) keeps its inputs from one call to the next: it must give what
 * {@code compute} gives, and still check whatever changed between calls.
 */
class EnginePathTest extends WaterOnTnSmall {

    @Test
    void repeatedCallsMatchCompute() {
        PotentialOutput expected = model.compute(AtomicSystem.of(Z, WATER).withCharges(1.0));
        for (int call = 0; call < 3; call++) {
            try (PointerScope scope = new PointerScope()) {
                Tensor forces = Tensor.create(new double[9], 3, 3);
                double energy = model.computeInto(Z, positions(WATER), null, 1.0, forces);
                assertEquals(expected.totalEnergy(), energy, 1e-6 * Math.max(1, Math.abs(energy)));
                double[] f = Ops.toDoubles(forces);
                for (int i = 0; i < 9; i++) assertEquals(expected.forces()[i / 3][i % 3], f[i], 1e-5, "force component " + i);
            }
        }
    }

    @Test
    void changedAtomicNumbersAreCheckedAgain() {
        try (PointerScope scope = new PointerScope()) {
            model.computeInto(Z, positions(WATER), null, null, Tensor.create(new double[9], 3, 3));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> model.computeInto(new long[] {8, 1, 500}, positions(WATER), null, null, Tensor.create(new double[9], 3, 3)));
            assertTrue(e.getMessage().contains("atomic number 500 of atom 2"), e.getMessage());
        }
    }

    @Test
    void nonFinitePositionNamesTheAtom() {
        try (PointerScope scope = new PointerScope()) {
            double[][] bad = {{0, 0, 0}, {0.96, 0, 0}, {-0.24, Double.NaN, 0}};
            var e = assertThrows(IllegalArgumentException.class,
                    () -> model.computeInto(Z, positions(bad), null, null, Tensor.create(new double[9], 3, 3)));
            assertTrue(e.getMessage().contains("position of atom 2 is not finite"), e.getMessage());
        }
    }

    @Test
    void changedBoxIsCheckedAgain() {
        try (PointerScope scope = new PointerScope()) {
            Tensor box = Tensor.create(new double[] {20, 0, 0, 0, 20, 0, 0, 0, 20}, 3, 3);
            model.computeInto(Z, positions(WATER), box, null, Tensor.create(new double[9], 3, 3));
            Tensor small = Tensor.create(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}, 3, 3);
            assertThrows(IllegalArgumentException.class,
                    () -> model.computeInto(Z, positions(WATER), small, null, Tensor.create(new double[9], 3, 3)));
        }
    }

    /** A NaN or infinite box passes every box rule by comparison; it must be refused by name, not give an energy. */
    @Test
    void nonFiniteBoxIsRefused() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            try (PointerScope scope = new PointerScope()) {
                Tensor box = Tensor.create(new double[] {bad, 0, 0, 0, 20, 0, 0, 0, 20}, 3, 3);
                var e = assertThrows(IllegalArgumentException.class,
                        () -> model.computeInto(Z, positions(WATER), box, null, Tensor.create(new double[9], 3, 3)));
                assertTrue(e.getMessage().contains("not finite") && e.getMessage().contains("give finite box vectors"), e.getMessage());
            }
        }
    }

    @Test
    void hugeCoordinatesAreNamedAsLostPrecision() {
        try (PointerScope scope = new PointerScope()) {
            double[][] far = {{1e8, 0, 0}, {1e8 + 0.96, 0, 0}, {1e8 - 0.24, 0.93, 0}};
            var e = assertThrows(IllegalArgumentException.class,
                    () -> model.computeInto(Z, positions(far), null, null, Tensor.create(new double[9], 3, 3)));
            assertTrue(e.getMessage().contains("positions up to 1.00e+08 Å lose precision in float32"), e.getMessage());
        }
    }

    private static Tensor positions(double[][] rows) {
        double[] flat = new double[3 * rows.length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, 3 * i, 3);
        return Tensor.create(flat, rows.length, 3);
    }
}
