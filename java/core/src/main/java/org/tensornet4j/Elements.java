package org.tensornet4j;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** The periodic table, H (1) to Og (118): element symbol to atomic number, case-insensitive. */
public final class Elements {
    private static final String[] SYMBOLS = {
        "H", "He",
        "Li", "Be", "B", "C", "N", "O", "F", "Ne",
        "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
        "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
        "Ga", "Ge", "As", "Se", "Br", "Kr",
        "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd",
        "In", "Sn", "Sb", "Te", "I", "Xe",
        "Cs", "Ba",
        "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
        "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn",
        "Fr", "Ra",
        "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr",
        "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
    };
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (int i = 0; i < SYMBOLS.length; i++) NUMBERS.put(SYMBOLS[i].toUpperCase(Locale.ROOT), i + 1);
    }

    private Elements() {
    }

    /** Atomic number of a symbol such as "C", "cl" or "FE"; empty when it names no element. */
    public static OptionalInt atomicNumber(String symbol) {
        Integer z = NUMBERS.get(symbol.trim().toUpperCase(Locale.ROOT));
        return z == null ? OptionalInt.empty() : OptionalInt.of(z);
    }

    /** Symbol of atomic number z (1..118), in its usual capitalisation. */
    public static String symbol(int z) {
        if (z < 1 || z > SYMBOLS.length) throw new IllegalArgumentException("no element has atomic number " + z);
        return SYMBOLS[z - 1];
    }

    /** Whether z is an element's atomic number, 1..118: what every structure and dataset reader accepts. */
    public static boolean isAtomicNumber(long z) {
        return z >= 1 && z <= SYMBOLS.length;
    }

    /**
     * Why a reader refuses z (not {@link #isAtomicNumber}); the readers add the file and the atom. Zero
     * gets its own reason: TorchMD-Net's models index their embedding by atomic number and no
     * dataset they are trained on has an element 0, so its row is never trained and a 0 in a file is
     * a placeholder or a mistake, never a meaningful input.
     */
    public static String notAnElement(long z) {
        String reason = "atomic number " + z + " is not an element (1.." + SYMBOLS.length + ")";
        if (z == 0) reason += "; TorchMD-Net's models have no element 0 (their atom types are atomic numbers): remove the"
                + " placeholder atom or give its real element";
        return reason;
    }

    /** Number of known elements (118). */
    public static int count() {
        return SYMBOLS.length;
    }
}
