package org.tensornet4j.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TorchMD-Net timings to compare with: the markdown table of a baseline file such as
 * {@code tests/fixtures/benchmarks/cpu-baseline.md}, found by its header (a {@code system} column and
 * {@code median ms} / {@code min ms} columns, wherever they are; a file with one table per model names
 * the columns of the others with a prefix, e.g. {@code tensornet2 median ms}). Numbers are written for people:
 * thousands separated by (thin) spaces ("41 209"), approximate values with a remark
 * ("≈ 129 000 (one warm-up call)"), and "–" where nothing was measured.
 */
public final class BaselineTable {
    /** Leading number, digits grouped by ordinary, thin, narrow no-break or no-break spaces. */
    private static final Pattern NUMBER = Pattern.compile("^[≈~]?[ \\u2009\\u202F\\u00A0]*(\\d[\\d \\u2009\\u202F\\u00A0]*(?:\\.\\d+)?)");

    /** One system's baseline; either time may be absent. */
    public record Entry(String system, OptionalDouble medianMs, OptionalDouble minMs) {
    }

    private final Map<String, Entry> entries;

    private BaselineTable(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static BaselineTable read(Path file) throws IOException {
        return read(file, "");
    }

    /** The table whose time columns start with {@code columnPrefix} ("" for the plain TensorNet table). */
    public static BaselineTable read(Path file, String columnPrefix) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), columnPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static BaselineTable parse(String markdown) {
        return parse(markdown, "");
    }

    public static BaselineTable parse(String markdown, String columnPrefix) {
        List<String> lines = markdown.lines().map(String::trim).toList();
        for (int i = 0; i < lines.size(); i++) {
            List<String> header = cells(lines.get(i));
            int system = indexOf(header, "system");
            int median = indexOf(header, columnPrefix + "median ms");
            int min = indexOf(header, columnPrefix + "min ms");
            if (system < 0 || (median < 0 && min < 0)) continue;
            Map<String, Entry> entries = new LinkedHashMap<>();
            // i + 1 is the |---| separator row
            for (int r = i + 2; r < lines.size() && lines.get(r).startsWith("|"); r++) {
                List<String> row = cells(lines.get(r));
                if (row.size() <= system) continue;
                String name = row.get(system);
                entries.put(name, new Entry(name, number(row, median), number(row, min)));
            }
            return new BaselineTable(entries);
        }
        throw new IllegalArgumentException("no table with 'system' and '" + columnPrefix + "median ms' or '"
                + columnPrefix + "min ms' columns");
    }

    public Optional<Entry> get(String system) {
        return Optional.ofNullable(entries.get(system));
    }

    public int size() {
        return entries.size();
    }

    private static List<String> cells(String line) {
        if (!line.startsWith("|")) return List.of();
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) cells.add(cell.trim());
        return cells;
    }

    private static int indexOf(List<String> header, String name) {
        for (int k = 0; k < header.size(); k++) {
            if (header.get(k).toLowerCase(Locale.ROOT).equals(name)) return k;
        }
        return -1;
    }

    /** The cell's leading number; empty for "–", "-", blank or a missing column. */
    static OptionalDouble number(List<String> row, int column) {
        if (column < 0 || column >= row.size()) return OptionalDouble.empty();
        Matcher m = NUMBER.matcher(row.get(column));
        if (!m.find()) return OptionalDouble.empty();
        return OptionalDouble.of(Double.parseDouble(m.group(1).replaceAll("[ \\u2009\\u202F\\u00A0]", "")));
    }
}
