package org.tensornet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensornet4j.AtomicSystem;

class NeighborBenchReportTest {

    /** Minima as given; medians twice as large (a noisy machine), which the crossover must ignore. */
    private static NeighborBenchReport.Row row(String name, int atoms, double bruteMs, double cellMs) {
        return new NeighborBenchReport.Row(name, atoms, true, 50L * atoms,
                new Timing(new double[] {bruteMs, 2 * bruteMs, 2 * bruteMs}, null),
                new Timing(new double[] {cellMs, 2 * cellMs, 2 * cellMs}, null));
    }

    @Test
    void tableAndCrossover() {
        MachineInfo machine = new MachineInfo(2, "AMD EPYC", "Linux 6.1 (amd64)", "17.0.15 (Debian)", 2);
        NeighborBenchReport.Setup setup = new NeighborBenchReport.Setup("2026-01-01 12:00 UTC", 5.0, "float32", machine, 1, 10, 30);
        List<NeighborBenchReport.Row> rows = List.of(row("box-300", 300, 2, 5), row("box-1000", 1000, 60, 20),
                row("box-30000", 30000, 40000, 900));
        String md = NeighborBenchReport.render(setup, rows);
        assertTrue(md.contains("| box-300 (periodic) | 300 | 15000 | 4.00 | 2.00 | 10.0 | 5.00 | 0.40 |"), md);
        assertTrue(md.contains("| box-30000 (periodic) | 30000 | 1500000 | 80000 | 40000 | 1800 | 900 | 44.44 |"), md);
        assertTrue(md.contains("from box-1000 (1000 atoms) on"), md);
    }

    @Test
    void crossoverNeedsEveryLargerSystemFaster() {
        // a noisy larger system where brute force won moves the crossover up
        String c = NeighborBenchReport.crossover(List.of(row("a", 500, 10, 5), row("b", 800, 10, 20), row("c", 2000, 100, 20)));
        assertTrue(c.contains("from c (2000 atoms)"), c);
        assertTrue(NeighborBenchReport.crossover(List.of(row("a", 500, 1, 5))).contains("brute force was faster"));
    }

    @Test
    void waterDensityBoxes() {
        AtomicSystem box = WaterDensityBox.of(3000, 7);
        double edge = box.box()[0][0];
        assertEquals(3000, box.atomCount());
        assertEquals(WaterDensityBox.ATOMS_PER_A3, 3000 / (edge * edge * edge), 1e-9);
        for (double[] p : box.positions()) for (double v : p) assertTrue(v >= 0 && v < edge);
    }
}
