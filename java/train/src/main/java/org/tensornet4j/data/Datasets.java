package org.tensornet4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensornet4j.Elements;

/** Reads a dataset file by its extension: TorchMD-Net HDF5 ({@code .h5}, {@code .hdf5}) or extended XYZ ({@code .xyz}, {@code .extxyz}). */
public final class Datasets {
    private Datasets() {}

    /** One file, or several separated by ';' (as TorchMD-Net's {@code dataset_root} for HDF5), concatenated in order. */
    public static List<Molecule> read(String paths) {
        List<Molecule> all = new ArrayList<>();
        for (String p : paths.split(";")) {
            if (!p.isBlank()) all.addAll(read(Path.of(p.trim())));
        }
        return all;
    }

    public static List<Molecule> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "no such file; check the path (dataset_root / dataset_path in the config)");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Molecule> molecules;
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) molecules = Hdf5Dataset.read(file);
        else if (name.endsWith(".xyz") || name.endsWith(".extxyz")) molecules = ExtendedXyz.read(file);
        else throw new DatasetException(file, "unknown file type; use TorchMD-Net HDF5 (.h5, .hdf5) or extended XYZ (.xyz, .extxyz)");
        if (molecules.isEmpty()) throw new DatasetException(file, "holds no molecules");
        return molecules;
    }

    /** Checks a molecule's numbers: finite positions, energy and forces; atomic numbers 1..118. */
    static void validate(Path file, Molecule m) {
        for (int i = 0; i < m.z().length; i++) {
            if (!Elements.isAtomicNumber(m.z()[i])) {
                throw new DatasetException(file, m.label() + ": atom " + i + ": " + Elements.notAnElement(m.z()[i]));
            }
        }
        requireFinite(file, m, "pos", m.pos());
        if (m.hasForces()) requireFinite(file, m, "forces", m.forces());
        if (Double.isInfinite(m.energy())) {
            throw new DatasetException(file, m.label() + ": energy is infinite; remove the molecule or fix its label");
        }
    }

    private static void requireFinite(Path file, Molecule m, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new DatasetException(file, m.label() + ": " + what + " of atom " + (i / 3) + " is " + values[i]
                        + "; remove the molecule or fix its data");
            }
        }
    }
}
