package org.tensornet4j.ipi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The atomic units of the i-PI protocol (lengths in Bohr, energies in Hartree) and the model energy
 * units they convert from. The constants are ASE 3.22's (CODATA 2014, as {@code ase.units} derives
 * them), so that an ASE run through the client round-trips Å and eV to the last bit; i-PI's own table
 * (eight significant digits) agrees with them to about 1e-7 relative.
 */
public final class AtomicUnits {
    /** One Bohr in Å. */
    public static final double BOHR = 0.5291772105638411;
    /** One Hartree in eV. */
    public static final double HARTREE_EV = 27.211386024367243;

    /** The energy units a model may be in, by name, and one of each in eV. */
    private static final Map<String, Double> EV_PER_UNIT = new LinkedHashMap<>();
    static {
        EV_PER_UNIT.put("eV", 1.0);
        EV_PER_UNIT.put("kcal/mol", 0.04336410390059322);
        EV_PER_UNIT.put("kJ/mol", 0.010364269574711572);
        EV_PER_UNIT.put("Hartree", HARTREE_EV);
    }

    /** The names {@link #hartreePer} accepts, for messages and help texts (a constant: annotations use it). */
    public static final String KNOWN = "eV, kcal/mol, kJ/mol, Hartree";

    /** The unit names in the order of {@link #KNOWN}. */
    static java.util.Set<String> names() {
        return EV_PER_UNIT.keySet();
    }

    private AtomicUnits() {
    }

    /**
     * Hartree per one {@code unit} (case-insensitive; Ha for Hartree).
     *
     * @throws IllegalArgumentException for a unit not in {@link #KNOWN}
     */
    public static double hartreePer(String unit) {
        String wanted = unit.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("ha")) wanted = "hartree";
        for (Map.Entry<String, Double> e : EV_PER_UNIT.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(wanted)) return e.getValue() / HARTREE_EV;
        }
        throw new IllegalArgumentException("unknown energy unit '" + unit + "': give one of " + KNOWN);
    }
}
