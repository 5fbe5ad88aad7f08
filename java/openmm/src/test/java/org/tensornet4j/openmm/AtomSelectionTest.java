package org.tensornet4j.openmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** --ml-atoms selections on alanine dipeptide (ACE 0-5, ALA 6-15, NME 16-21, no chain id). */
class AtomSelectionTest {
    static final Path PDB = org.tensornet4j.Fixtures.root().getParent().getParent()
            .resolve("examples/molecules/alanine_dipeptide.pdb");

    @Test
    void indicesRangesResidueNamesAndTheirIntersection() throws Exception {
        assertArrayEquals(new int[] {0, 3, 4, 5}, AtomSelection.select("3-5, 0", PDB, 22));
        assertArrayEquals(IntStream.rangeClosed(6, 15).toArray(), AtomSelection.select("resname:ALA", PDB, 22));
        assertArrayEquals(IntStream.concat(IntStream.rangeClosed(0, 15), IntStream.empty()).toArray(),
                AtomSelection.select("resname:ACE,resname:ALA", PDB, 22));
        assertArrayEquals(new int[] {14, 15}, AtomSelection.select("resname:ALA,14-20", PDB, 22));
        assertArrayEquals(IntStream.range(0, 22).toArray(), AtomSelection.select("chain:", PDB, 22));
    }

    @Test
    void badSelectionsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AtomSelection.select("22", PDB, 22))
                .getMessage().contains("ML atom 22 is out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AtomSelection.select("5-2", PDB, 22))
                .getMessage().contains("empty or negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AtomSelection.select(" , ", PDB, 22))
                .getMessage().contains("empty atom selection"));
        String none = assertThrows(IllegalArgumentException.class, () -> AtomSelection.select("chain:B", PDB, 22)).getMessage();
        assertTrue(none.contains("residues are 'ACE' 'ALA' 'NME'"), none);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AtomSelection.select("resname:ALA", Path.of("water.xyz"), 3)).getMessage().contains("needs a PDB input"));
    }
}
