package org.tensornet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void tableHasRatiosWhereTheBaselineHasNumbers() {
        MachineInfo machine = new MachineInfo(2, "AMD EPYC", "Linux 6.1 (amd64)", "17.0.15 (Debian)", 2);
        BenchReport.Setup setup = new BenchReport.Setup("2026-01-01 12:00 UTC", "tn-bench.ckpt", "cpu", "float32",
                machine, 3, 20, 120, "cpu-baseline.md", "auto");
        List<BenchReport.Row> rows = List.of(
                new BenchReport.Row("alanine_dipeptide", 22, false, new Timing(new double[] {28, 30, 26}, null),
                        Optional.of(new BaselineTable.Entry("alanine_dipeptide", OptionalDouble.of(56), OptionalDouble.of(35))), 640),
                new BenchReport.Row("factorIX", 5807, false, new Timing(new double[] {130_000}, "one call took 130.0 s"),
                        Optional.of(new BaselineTable.Entry("factorIX", OptionalDouble.of(129_000), OptionalDouble.empty())), 1800),
                new BenchReport.Row("caffeine", 24, false, new Timing(new double[] {5.5}, null), Optional.empty(), -1));
        String md = BenchReport.render(setup, rows);
        assertTrue(md.contains("| alanine_dipeptide | 22 | 28.0 | 26.0 | 30.0 | 3 | 56.0 | 35.0 | 0.50 | 0.74 | 640 |"), md);
        assertTrue(md.contains("| factorIX | 5807 | 130000 | 130000 | 130000 | 1 | 129000 | – | 1.01 | – | 1800 |"), md);
        assertTrue(md.contains("| caffeine | 24 | 5.50 | 5.50 | 5.50 | 1 | – | – | – | – | – |"), md);
        assertTrue(md.contains("- factorIX: one call took 130.0 s."), md);
        assertTrue(md.contains("2 processors (nproc), AMD EPYC") && md.contains("2 LibTorch intra-op threads"), md);
        assertTrue(md.contains("Neighbour search `auto`"), md);
        assertTrue(md.contains("Process settings: none set."), md);
    }

    @Test
    void processSettingsThatChangeTheSpeedAreRecorded() {
        var env = java.util.Map.of("OPENBLAS_CORETYPE", "SKYLAKEX", "HOME", "/root", "OMP_WAIT_POLICY", "PASSIVE");
        MachineInfo machine = new MachineInfo(2, "AMD EPYC", "Linux 6.1 (amd64)", "17.0.15 (Debian)", 1, MachineInfo.settings(env));
        assertTrue(machine.describe().contains("Process settings: `OMP_WAIT_POLICY=PASSIVE`, `OPENBLAS_CORETYPE=SKYLAKEX`."),
                machine.describe());
        assertTrue(!machine.describe().contains("HOME"), "only the settings that change LibTorch's speed");
    }
}
