package org.tensornet4j.data;

import java.util.Locale;

/** Element symbols and atomic numbers (1 H .. 118 Og). */
public final class Elements {
    private static final String[] SYMBOLS = ("X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn"
            + " Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy"
            + " Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No"
            + " Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og").split(" ");

    private Elements() {}

    /** The atomic number of a symbol (case-insensitive), or -1 when it names no element. */
    public static int atomicNumber(String symbol) {
        String s = symbol.trim().toLowerCase(Locale.ROOT);
        for (int z = 1; z < SYMBOLS.length; z++) {
            if (SYMBOLS[z].toLowerCase(Locale.ROOT).equals(s)) return z;
        }
        return -1;
    }

    /** The symbol of an atomic number 1..118. */
    public static String symbol(long z) {
        if (z < 1 || z >= SYMBOLS.length) throw new IllegalArgumentException("no element with atomic number " + z);
        return SYMBOLS[(int) z];
    }
}
