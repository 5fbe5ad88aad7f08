package org.tensornet4j.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensornet4j.Elements;

/**
 * Reads atoms from a JSON object in the format of the TorchMD-Net reference fixtures: {@code z}
 * (atomic numbers), {@code pos} (N rows [x, y, z], Å), {@code box} (null or 3 rows a, b, c),
 * {@code batch} (null or one molecule index per atom), {@code q} (null or one total charge per
 * molecule). Other fields (energies, forces, metadata) are skipped.
 *
 * <p>Streams tokens instead of building a tree so that every error can name the line (and column)
 * it was found on.
 */
public final class JsonStructureReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonStructureReader() {
    }

    public static Structure read(Path file) throws IOException {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            return new Fields(file, p).read();
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new StructureFormatException(file, line, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** One pass over the top-level object. */
    private static final class Fields {
        private final Path file;
        private final JsonParser p;
        private long[] z;
        private double[][] pos;
        private double[][] box;
        private long[] batch;
        private double[] q;
        private int posLine;
        private int batchLine;

        Fields(Path file, JsonParser p) {
            this.file = file;
            this.p = p;
        }

        Structure read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error("expected a JSON object with fields z and pos");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "z" -> z = atomicNumbers();
                    case "pos" -> {
                        posLine = line();
                        pos = rows("pos", 3);
                    }
                    case "box" -> box = p.currentToken() == JsonToken.VALUE_NULL ? null : threeByThree();
                    case "batch" -> {
                        batchLine = line();
                        batch = p.currentToken() == JsonToken.VALUE_NULL ? null : integers("batch");
                    }
                    case "q" -> q = p.currentToken() == JsonToken.VALUE_NULL ? null : numbers("q");
                    default -> p.skipChildren();
                }
            }
            if (z == null) throw error("missing field 'z' (atomic numbers)");
            if (pos == null) throw error("missing field 'pos' (positions, one [x, y, z] row per atom)");
            if (pos.length != z.length) {
                throw new StructureFormatException(file, posLine, "'pos' has " + pos.length + " rows but 'z' has "
                        + z.length + " atoms");
            }
            if (batch != null && batch.length != z.length) {
                throw new StructureFormatException(file, batchLine, "'batch' has " + batch.length
                        + " entries but 'z' has " + z.length + " atoms");
            }
            return new Structure(z, pos, box, batch, q);
        }

        private double[][] threeByThree() throws IOException {
            int start = line();
            double[][] rows = rows("box", 3);
            if (rows.length != 3) throw new StructureFormatException(file, start, "'box' must have 3 rows (a, b, c), got " + rows.length);
            return rows;
        }

        private double[][] rows(String what, int width) throws IOException {
            expectArray(what);
            List<double[]> rows = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                double[] row = numbers(what + "[" + rows.size() + "]");
                if (row.length != width) {
                    throw error("'" + what + "[" + rows.size() + "]' must have " + width + " numbers, got " + row.length);
                }
                rows.add(row);
            }
            return rows.toArray(double[][]::new);
        }

        private double[] numbers(String what) throws IOException {
            expectArray(what);
            List<Double> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric()) {
                    throw error("'" + what + "[" + values.size() + "]' must be a JSON number, got " + token());
                }
                values.add(p.getDoubleValue());
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private long[] integers(String what) throws IOException {
            expectArray(what);
            List<Long> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    throw error("'" + what + "[" + values.size() + "]' must be a JSON integer, got " + token());
                }
                values.add(p.getLongValue());
            }
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        /** Like the XYZ reader and the dataset readers: atomic numbers of elements only, 1..118. */
        private long[] atomicNumbers() throws IOException {
            int start = line();
            long[] values = integers("z");
            for (int i = 0; i < values.length; i++) {
                if (!Elements.isAtomicNumber(values[i])) {
                    throw new StructureFormatException(file, start, "'z[" + i + "]': " + Elements.notAnElement(values[i]));
                }
            }
            return values;
        }

        private void expectArray(String what) {
            if (p.currentToken() != JsonToken.START_ARRAY) throw error("'" + what + "' must be an array");
        }

        /** The current token with its type: a number written as a string must not read like a number. */
        private String token() throws IOException {
            return switch (p.currentToken()) {
                case VALUE_STRING -> "the string \"" + p.getText() + "\"";
                case VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                case START_ARRAY -> "a list";
                case START_OBJECT -> "an object";
                default -> p.getText();
            };
        }

        private int line() {
            return p.currentTokenLocation().getLineNr();
        }

        private StructureFormatException error(String message) {
            return new StructureFormatException(file, line(), message + " (column " + p.currentTokenLocation().getColumnNr() + ")");
        }
    }
}
