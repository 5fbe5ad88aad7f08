package org.tensornet4j.openmm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ML atoms of an ML/MM run, chosen as openmmtensornet4j's {@code selectAtoms} chooses them: by index,
 * residue name or chain, comma-separated terms {@code 5}, {@code 0-21} (a range, both ends included),
 * {@code resname:LIG}, {@code chain:A}. Terms of one kind add up; kinds combine (an atom must meet each
 * kind given). Residue names and chains come from the PDB records (columns 18-20 and 22) of the atoms the
 * structure reader reads (ATOM/HETATM of the first model), so the indices agree.
 */
public final class AtomSelection {
    private AtomSelection() {
    }

    /** The selected indices in ascending order; an IllegalArgumentException naming the problem. */
    public static int[] select(String selection, Path pdb, int atoms) throws IOException {
        Set<Integer> indices = null;
        Set<String> residues = null, chains = null;
        for (String raw : selection.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) continue;
            String lower = term.toLowerCase(Locale.ROOT);
            if (lower.startsWith("resname:")) {
                if (residues == null) residues = new LinkedHashSet<>();
                residues.add(term.substring(8).trim());
            } else if (lower.startsWith("chain:")) {
                if (chains == null) chains = new LinkedHashSet<>();
                chains.add(term.substring(6).trim());
            } else {
                if (indices == null) indices = new TreeSet<>();
                addIndices(indices, term);
            }
        }
        if (indices == null && residues == null && chains == null) {
            throw new IllegalArgumentException("empty atom selection: give indices (0-21), resname:NAME or chain:ID");
        }
        List<String[]> records = residues == null && chains == null ? null : residueRecords(pdb);
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < atoms; i++) {
            if (indices != null && !indices.contains(i)) continue;
            if (residues != null && !residues.contains(records.get(i)[0])) continue;
            if (chains != null && !chains.contains(records.get(i)[1])) continue;
            selected.add(i);
        }
        if (indices != null) {
            for (int i : indices) {
                if (i >= atoms) {
                    throw new IllegalArgumentException("ML atom " + i + " is out of range: the system has atoms 0.." + (atoms - 1));
                }
            }
        }
        if (selected.isEmpty()) {
            String known = records == null ? "" : ": the structure's residues are " + distinct(records, 0)
                    + ", its chains " + distinct(records, 1);
            throw new IllegalArgumentException("no atom matches the selection '" + selection + "'" + known);
        }
        return selected.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void addIndices(Set<Integer> indices, String term) {
        try {
            int dash = term.indexOf('-', 1);
            int from = Integer.parseInt(dash < 0 ? term : term.substring(0, dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(term.substring(dash + 1).trim());
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("atom range '" + term + "' is empty or negative: write FIRST-LAST"
                        + " with 0 <= FIRST <= LAST");
            }
            for (int i = from; i <= to; i++) indices.add(i);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + term + "' is not an atom index, a range (0-21), resname:NAME or"
                    + " chain:ID");
        }
    }

    private static String distinct(List<String[]> records, int field) {
        Set<String> values = new LinkedHashSet<>();
        for (String[] r : records) values.add("'" + r[field] + "'");
        return String.join(" ", values);
    }

    /** {residue name, chain id} per ATOM/HETATM record of the first model. */
    private static List<String[]> residueRecords(Path pdb) throws IOException {
        if (!pdb.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdb")) {
            throw new IllegalArgumentException("selecting by resname: or chain: needs a PDB input, not " + pdb
                    + ": give atom indices");
        }
        List<String[]> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(pdb, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = in.readLine()) != null) {
                String record = line.length() < 6 ? line.trim() : line.substring(0, 6).trim();
                if (record.equals("ATOM") || record.equals("HETATM")) {
                    records.add(new String[] {column(line, 18, 20), column(line, 22, 22)});
                } else if (record.equals("ENDMDL") || record.equals("END")) {
                    break;
                }
            }
        }
        return records;
    }

    private static String column(String line, int from, int to) {
        if (line.length() < from) return "";
        return line.substring(from - 1, Math.min(to, line.length())).trim();
    }
}
