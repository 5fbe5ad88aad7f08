package org.tensornet4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The PDB files a benchmark runs, smallest first in the order of the TorchMD-Net baseline, then
 * any others by name. STMV (about a million pair interactions per layer) and the solvated
 * (*_explicit*) systems run only on request: they take minutes per call on a small CPU.
 */
public final class BenchSystems {
    static final List<String> ORDER = List.of("alanine_dipeptide", "testosterone", "caffeine", "chignolin", "dhfr", "factorIX");

    private BenchSystems() {
    }

    public static List<Path> find(Path dir, boolean all) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("systems folder not found: " + dir);
        List<Path> pdbs;
        try (Stream<Path> files = Files.list(dir)) {
            pdbs = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdb"))
                    .filter(f -> all || !skippedByDefault(name(f)))
                    .sorted(Comparator.comparingInt((Path f) -> rank(name(f))).thenComparing(BenchSystems::name))
                    .collect(ArrayList::new, List::add, List::addAll);
        }
        if (pdbs.isEmpty()) {
            throw new IllegalArgumentException("no .pdb files to benchmark in " + dir + (all ? "" : " (stmv and *_explicit* need --all)"));
        }
        return pdbs;
    }

    /** The system's name: the file name without .pdb. */
    public static String name(Path pdb) {
        String file = pdb.getFileName().toString();
        return file.substring(0, file.length() - ".pdb".length());
    }

    static boolean skippedByDefault(String name) {
        return name.equals("stmv") || name.contains("_explicit");
    }

    private static int rank(String name) {
        int i = ORDER.indexOf(name);
        return i < 0 ? ORDER.size() : i;
    }
}
