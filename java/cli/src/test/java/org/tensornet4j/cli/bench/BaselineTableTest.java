package org.tensornet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensornet4j.Fixtures;

class BaselineTableTest {

    @Test
    void readsTheCpuBaseline() throws IOException {
        BaselineTable t = BaselineTable.read(Fixtures.root().resolve("benchmarks/cpu-baseline.md"));
        assertEquals(5, t.size());
        BaselineTable.Entry ala = t.get("alanine_dipeptide").orElseThrow();
        assertEquals(27.5, ala.medianMs().getAsDouble());
        assertEquals(25.9, ala.minMs().getAsDouble());
        BaselineTable.Entry dhfr = t.get("dhfr").orElseThrow();
        assertEquals(7465, dhfr.medianMs().getAsDouble(), "thousands separated by a space");
        assertEquals(6926, dhfr.minMs().getAsDouble());
        BaselineTable.Entry factorIX = t.get("factorIX").orElseThrow();
        assertEquals(19560, factorIX.medianMs().getAsDouble());
        assertEquals(17287, factorIX.minMs().getAsDouble());
        assertTrue(t.get("caffeine").isEmpty());
    }

    @Test
    void readsTheTensorNet2TableByItsColumnPrefix() throws IOException {
        BaselineTable t = BaselineTable.read(Fixtures.root().resolve("benchmarks/cpu-baseline.md"), "tensornet2 ");
        assertEquals(3, t.size());
        assertEquals(34.3, t.get("alanine_dipeptide").orElseThrow().medianMs().getAsDouble());
        assertEquals(8131, t.get("dhfr").orElseThrow().minMs().getAsDouble());
        assertTrue(t.get("testosterone").isEmpty());
    }

    @Test
    void approximateValuesAndMissingMinima() {
        String md = "| system | median ms | min ms |\n|---|--:|--:|\n| factorIX | ≈ 129 000 (one warm-up call) | – |\n";
        BaselineTable.Entry e = BaselineTable.parse(md).get("factorIX").orElseThrow();
        assertEquals(129000, e.medianMs().getAsDouble());
        assertTrue(e.minMs().isEmpty(), "– is missing");
    }

    @Test
    void numbersWithThinSpacesDecimalsAndDashes() {
        List<String> row = List.of("1\u2009234.5", "\u2248 7\u202F000 (est.)", "–", "-", "", "n/a");
        assertEquals(1234.5, BaselineTable.number(row, 0).getAsDouble());
        assertEquals(7000, BaselineTable.number(row, 1).getAsDouble());
        for (int k = 2; k < row.size(); k++) assertTrue(BaselineTable.number(row, k).isEmpty(), row.get(k));
        assertTrue(BaselineTable.number(row, 9).isEmpty(), "missing column");
    }

    @Test
    void findsColumnsByHeaderName() {
        String md = "text\n\n| min ms | system | median ms |\n|--:|---|--:|\n| 3 | water | 4 |\n\nafter | not a row\n";
        BaselineTable t = BaselineTable.parse(md);
        assertEquals(1, t.size());
        assertEquals(4, t.get("water").orElseThrow().medianMs().getAsDouble());
        assertEquals(3, t.get("water").orElseThrow().minMs().getAsDouble());
    }

    @Test
    void fileWithoutTheTableIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> BaselineTable.parse("# nothing\n| a | b |\n"));
    }
}
