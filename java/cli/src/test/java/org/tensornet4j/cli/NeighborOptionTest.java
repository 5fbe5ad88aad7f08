package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensornet4j.neighbors.NeighborStrategy;

/** The command line's spellings of the neighbour searches live in the CLI, both ways. */
class NeighborOptionTest {
    @Test
    void everyStrategyHasANameThatParsesBack() {
        for (NeighborStrategy s : NeighborStrategy.values()) assertEquals(s, NeighborOption.parse(NeighborOption.name(s)));
        assertEquals(NeighborStrategy.CELL_LIST, NeighborOption.parse(" Cell "));
    }

    @Test
    void anUnknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeighborOption.parse("octree"));
        assertTrue(e.getMessage().contains("brute, cell or auto"), e.getMessage());
    }
}
