package org.tensornet4j.cli;

import java.util.Locale;
import java.util.Map;
import org.tensornet4j.neighbors.NeighborStrategy;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code --neighbors brute|cell|auto}, shared by the commands that run the model. */
final class NeighborOption {
    @Option(names = "--neighbors", defaultValue = "auto", paramLabel = "SEARCH", converter = Converter.class,
            description = "neighbour search: brute (all pairs), cell (cell list, O(N)) or auto (by system size);"
                    + " the results are the same (default: ${DEFAULT-VALUE})")
    NeighborStrategy strategy;

    /** The command line's names of the strategies (the model knows them by their enum constants only). */
    private static final Map<NeighborStrategy, String> NAMES =
            Map.of(NeighborStrategy.BRUTE_FORCE, "brute", NeighborStrategy.CELL_LIST, "cell", NeighborStrategy.AUTO, "auto");

    /** The name of a strategy on the command line: brute, cell or auto. */
    static String name(NeighborStrategy strategy) {
        return NAMES.get(strategy);
    }

    /** Parses brute, cell or auto (case-insensitive, surrounding blanks ignored). */
    static NeighborStrategy parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Map.Entry<NeighborStrategy, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(s)) return e.getKey();
        }
        throw new IllegalArgumentException("unknown neighbour search '" + name + "': use brute, cell or auto");
    }

    /** Parses brute, cell or auto; anything else is a usage error that lists them. */
    static final class Converter implements CommandLine.ITypeConverter<NeighborStrategy> {
        @Override
        public NeighborStrategy convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
