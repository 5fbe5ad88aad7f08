package org.tensornet4j.bridge;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.torch.Ops;

/**
 * What the bridge refuses on every engine step, whatever the potential: a box or total charge that
 * is not finite going in, a non-finite energy, force, virial or atom energy coming out. Engines (the C ABI, OpenMM) take whatever
 * compute() returns as a success, so a NaN that got past here would be integrated; the checks sit
 * in the bridge so that every potential class and every engine gets them.
 */
final class StepChecks {
    private StepChecks() {}

    /** The engine's box (9 doubles, rows a, b, c in Å) must be finite; null means not periodic. */
    static void requireFiniteBox(DoublePointer box) {
        if (box == null || box.isNull()) return;
        double[] rows = new double[9];
        box.get(rows);
        for (double v : rows) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(PeriodicBox.notFinite(Arrays.deepToString(PeriodicBox.fromFlat(rows))));
            }
        }
    }

    /**
     * The potential's energy and forces [N, 3] must be finite. One reduction in the common case (a sum
     * of finite forces is finite); the atom is looked up only when it is not.
     */
    static void requireFiniteResult(Object potential, double energy, Tensor forces) {
        String who = potential.getClass().getName();
        if (!Double.isFinite(energy)) {
            throw new IllegalStateException("the potential " + who + " returned a non-finite energy (" + energy + ")"
                    + FIX);
        }
        if (Double.isFinite(forces.sum().item_double())) return;
        long atom = Ops.firstNonFiniteRow(forces);
        if (atom < 0) return;  // finite forces whose sum overflowed
        throw new IllegalStateException("the potential " + who + " returned a non-finite force on atom " + atom + FIX);
    }

    /** The total charge an engine passes per call must be finite. */
    static double requireFiniteCharge(double charge) {
        if (!Double.isFinite(charge)) {
            throw new IllegalArgumentException("total_charge is " + charge + ": pass the system's total charge in elementary charges"
                    + " (a finite number), or NULL for the configuration's \"charge\"");
        }
        return charge;
    }

    /** The potential's virial [3, 3] must be finite. */
    static void requireFiniteVirial(Object potential, Tensor virial) {
        if (Double.isFinite(virial.sum().item_double())) return;
        if (Ops.firstNonFiniteRow(virial) < 0) return;  // finite entries whose sum overflowed
        throw new IllegalStateException("the potential " + potential.getClass().getName() + " returned a non-finite virial" + FIX);
    }

    /** The potential's per-atom energies [N] must be finite. */
    static void requireFiniteAtomEnergies(Object potential, Tensor atomEnergies) {
        if (Double.isFinite(atomEnergies.sum().item_double())) return;
        long atom = Ops.firstNonFiniteRow(atomEnergies.unsqueeze(1));
        if (atom < 0) return;
        throw new IllegalStateException("the potential " + potential.getClass().getName() + " returned a non-finite energy for atom "
                + atom + FIX);
    }

    private static final String FIX = ": the step is refused so that no engine integrates it; check the structure"
            + " (atoms too close, or far from anything the model was trained on) and the potential's implementation";
}
