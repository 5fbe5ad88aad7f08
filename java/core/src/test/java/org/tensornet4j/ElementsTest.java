package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ElementsTest {
    @Test
    void coversHydrogenToOganessonCaseInsensitively() {
        assertEquals(118, Elements.count());
        assertEquals(1, Elements.atomicNumber("H").getAsInt());
        assertEquals(17, Elements.atomicNumber("cl").getAsInt());
        assertEquals(26, Elements.atomicNumber("FE").getAsInt());
        assertEquals(92, Elements.atomicNumber("U").getAsInt());
        assertEquals(30, Elements.atomicNumber("Zn").getAsInt());
        assertEquals(54, Elements.atomicNumber("Xe").getAsInt());
        assertEquals(80, Elements.atomicNumber("Hg").getAsInt());
        assertEquals(103, Elements.atomicNumber("Lr").getAsInt());
        assertEquals(118, Elements.atomicNumber("Og").getAsInt());
        assertEquals("Og", Elements.symbol(118));
        assertTrue(Elements.atomicNumber("X").isEmpty());
        assertTrue(Elements.atomicNumber("Hd").isEmpty());
    }
}
