package org.tensornet4j.openmm;

import java.util.Map;
import org.tensornet4j.Elements;

/**
 * Standard atomic weights (daltons) of the elements of organic molecules, ions and water, the values of
 * OpenMM's app.element table, for structures read without a System XML (which carries its own masses).
 */
public final class AtomicMasses {
    private static final Map<Integer, Double> MASSES = Map.ofEntries(
            Map.entry(1, 1.007947), Map.entry(3, 6.9412), Map.entry(5, 10.8117), Map.entry(6, 12.01078),
            Map.entry(7, 14.00672), Map.entry(8, 15.99943), Map.entry(9, 18.9984032), Map.entry(11, 22.989770),
            Map.entry(12, 24.30506), Map.entry(14, 28.08553), Map.entry(15, 30.973762), Map.entry(16, 32.0655),
            Map.entry(17, 35.4532), Map.entry(19, 39.09831), Map.entry(20, 40.0784), Map.entry(26, 55.8452),
            Map.entry(30, 65.4094), Map.entry(34, 78.963), Map.entry(35, 79.9041), Map.entry(53, 126.904473));

    private AtomicMasses() {
    }

    /** The mass of element z; an IllegalArgumentException naming the element and the fix if unknown. */
    public static double of(int z) {
        Double mass = MASSES.get(z);
        if (mass == null) {
            throw new IllegalArgumentException("no atomic mass for element " + Elements.symbol(z) + " (Z=" + z
                    + "): give the masses in a System XML (--system)");
        }
        return mass;
    }
}
