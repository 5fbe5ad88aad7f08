package org.tensornet4j.cli;

import org.tensornet4j.neighbors.NeighborStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --neighbors brute|cell|auto}, shared by the commands that run the model. */
final class NeighborOption {
    @Option(names = "--neighbors", defaultValue = "auto", paramLabel = "SEARCH", converter = Converter.class,
            description = "neighbour search: brute (all pairs), cell (cell list, O(N)) or auto (by system size; default);"
                    + " the results are the same")
    NeighborStrategy strategy;

    /** Parses brute, cell or auto; anything else is a usage error that lists them. */
    static final class Converter implements CommandLine.ITypeConverter<NeighborStrategy> {
        @Override
        public NeighborStrategy convert(String value) {
            try {
                return NeighborStrategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
