package org.tensornet4j.openmm;

import java.io.IOException;
import java.nio.file.Path;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.cli.io.StructureFiles;

/**
 * Atoms of a structure in OpenMM's units: atomic numbers, positions (nm, x0 y0 z0 x1 ...) and the periodic
 * box (9 doubles, nm; null for a molecule in vacuum). Read with the CLI's readers (PDB with CRYST1, XYZ,
 * JSON), so {@code tn4j eval} and {@code tn4j md} accept the same files.
 */
public record Structure(int[] atomicNumbers, double[] positions, double[] box) {
    private static final double NM_PER_ANGSTROM = 0.1;

    public static Structure read(Path file) throws IOException {
        return of(StructureFiles.read(file));
    }

    public static Structure of(AtomicSystem atoms) {
        long[] z = atoms.atomicNumbers();
        int[] numbers = new int[z.length];
        for (int i = 0; i < z.length; i++) numbers[i] = Math.toIntExact(z[i]);
        double[][] angstrom = atoms.positions();
        double[] nm = new double[3 * z.length];
        for (int i = 0; i < nm.length; i++) nm[i] = angstrom[i / 3][i % 3] * NM_PER_ANGSTROM;
        double[] box = null;
        if (atoms.box() != null) {
            box = new double[9];
            for (int i = 0; i < 9; i++) box[i] = atoms.box()[i / 3][i % 3] * NM_PER_ANGSTROM;
        }
        return new Structure(numbers, nm, box);
    }

    public int size() {
        return atomicNumbers.length;
    }

    public boolean periodic() {
        return box != null;
    }
}
