package org.tensornet4j.ipi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AtomicUnitsTest {
    @Test
    void theHelpTextListsExactlyTheUnitsThatConvert() {
        assertEquals(AtomicUnits.KNOWN, String.join(", ", AtomicUnits.names()));
    }

    @Test
    void conversionsAgreeWithCodata() {
        // CODATA 2014 from its tables, to 1e-9 relative (not from ASE's derivation): Hartree 27.21138602 eV, Bohr 0.52917721067 Å,
        // e 1.6021766208e-19 C, N_A 6.022140857e23 /mol.
        assertEquals(0.52917721067, AtomicUnits.BOHR, 1e-9 * 0.53); // ASE derives it: 2e-10 relative off the table
        assertEquals(1 / 27.21138602, AtomicUnits.hartreePer("eV"), 1e-9 / 27.2);
        double evPerKjMol = 1000 / (1.6021766208e-19 * 6.022140857e23);
        assertEquals(evPerKjMol / 27.21138602, AtomicUnits.hartreePer("kJ/mol"), 1e-9 * evPerKjMol / 27.2);
        assertEquals(4.184 * evPerKjMol / 27.21138602, AtomicUnits.hartreePer("kcal/mol"), 1e-9 * evPerKjMol / 6);
        assertEquals(1.0, AtomicUnits.hartreePer("Hartree"));
        assertEquals(1.0, AtomicUnits.hartreePer("Ha"));
        assertEquals(AtomicUnits.hartreePer("eV"), AtomicUnits.hartreePer(" ev "));
    }

    @Test
    void anUnknownUnitIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicUnits.hartreePer("kcal"));
        assertTrue(e.getMessage().contains("unknown energy unit 'kcal'") && e.getMessage().contains(AtomicUnits.KNOWN), e.getMessage());
    }
}
