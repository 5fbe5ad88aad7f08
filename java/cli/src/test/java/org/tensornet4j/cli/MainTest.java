package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;
import picocli.CommandLine;

/** The command line's contract: exit codes and the one-line errors on stderr. */
class MainTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one run. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void evalWithoutRequiredOptionsIsAUsageError() {
        Run r = run("eval", "--input", "x.pdb");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: Missing required option: '--model=CKPT'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("eval", "--model", "m.ckpt", "--input", "x.pdb", "--bogus");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: Unknown option: '--bogus'"), r.err());
    }

    @Test
    void missingInputFileIsOneLineWithoutStackTrace() {
        Path missing = tmp.resolve("missing.pdb");
        Run r = run("eval", "--model", tmp.resolve("m.ckpt").toString(), "--input", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals("tn4j: error: input file not found: " + missing, r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void parseErrorsKeepFileAndLine() throws IOException {
        Path xyz = Files.writeString(tmp.resolve("bad.xyz"), "2\n\nC 0 0 0\n");
        Run r = run("eval", "--model", "m.ckpt", "--input", xyz.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: " + xyz + ":4: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void oneChargeForTwoMoleculesIsRejectedBeforeTheModelLoads() {
        Path batched = Fixtures.referenceFile("tn-small__batch_caffeine_alanine_dipeptide");
        Run r = run("eval", "--model", tmp.resolve("no-such.ckpt").toString(), "--input", batched.toString(), "--charge", "1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--charge has 1 value(s)") && r.err().contains("2 molecule(s)"), r.err());
    }

    @Test
    void inconsistentFieldsOfAJsonInputNameTheFile() throws IOException {
        Path json = Files.writeString(tmp.resolve("q.json"),
                "{\"z\": [1, 1], \"pos\": [[0,0,0],[0,0,1]], \"batch\": [0, 1], \"q\": [1]}");
        Run r = run("eval", "--model", "m.ckpt", "--input", json.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: " + json + ": got 1 total charges for 2 molecule(s)"), r.err());
    }

    @Test
    void badBoxIsReportedAsAUserError() {
        Run r = run("eval", "--model", "m.ckpt", "--input", Fixtures.system("caffeine").toString(),
                "--box", "10", "0", "0", "0", "10", "0", "0", "0", "NaN");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: the periodic box [[10.0, 0.0, 0.0], [0.0, 10.0, 0.0], [0.0, 0.0, NaN]] is not finite")
                && r.err().contains("give finite box vectors"), r.err());
    }

    @Test
    void unknownNeighborSearchIsAUsageError() {
        Run r = run("eval", "--model", "m.ckpt", "--input", "x.pdb", "--neighbors", "octree");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: Invalid value for option '--neighbors'"), r.err());
        assertTrue(r.err().contains("brute, cell or auto"), r.err());
    }

    @Test
    void benchNeighborsWritesItsSection() throws IOException {
        Path doc = Files.writeString(tmp.resolve("bench.md"), "# Benchmarks\n\nkept\n");
        Run r = run("bench-neighbors", "--sizes", "120,300", "--no-pdb", "--warmup", "0", "--repeats", "1",
                "--output", doc.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| box-120 (periodic) | 120 |") && r.out().contains("| box-300 (periodic) | 300 |"), r.out());
        String written = Files.readString(doc);
        assertTrue(written.contains("kept") && written.contains("<!-- bench:neighbors:start -->")
                && written.contains("Crossover:"), written);
    }

    @Test
    void benchNeighborsPrintsJsonOnRequest() throws IOException {
        Run r = run("bench-neighbors", "--sizes", "120", "--no-pdb", "--warmup", "0", "--repeats", "1", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode box = json.get("systems").get(0);
        assertEquals("box-120", box.get("system").asText());
        assertTrue(box.get("pairs").asLong() > 0 && box.get("cell_min_ms").asDouble() > 0, r.out());
        assertEquals(5.0, json.get("cutoff_angstrom").asDouble());
    }

    @Test
    void benchTimesTensorNet2WithAChargeAndRefusesItWithout() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("systems"));
        Files.copy(Fixtures.system("caffeine"), dir.resolve("caffeine.pdb"));
        String model = Fixtures.checkpoint("tn2-bench").toString();
        Run refused = run("bench", "--model", model, "--input", dir.toString(), "--warmup", "0", "--repeats", "1");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().startsWith("tn4j: error: this model (tensornet2) needs the total charge")
                && refused.err().contains("--charge 0"), refused.err());
        Run r = run("bench", "--model", model, "--input", dir.toString(), "--warmup", "0", "--repeats", "1",
                "--charge", "0", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode row = new ObjectMapper().readTree(r.out()).get("systems").get(0);
        assertEquals("caffeine", row.get("system").asText());
        assertEquals(24, row.get("atoms").asInt());
        assertTrue(row.get("median_ms").asDouble() > 0, r.out());
    }

    @Test
    void benchNeighborsRefusesABoxTooSmallForTheCutoff() {
        Run r = run("bench-neighbors", "--sizes", "5", "--no-pdb", "--cutoff", "8");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("twice the cutoff"), r.err());
    }

    @Test
    void benchNeighborsRefusesSizesBelowOneAndAnInfiniteCutoff() {
        for (String size : new String[] {"0", "-5"}) {
            Run r = run("bench-neighbors", "--sizes", "10," + size, "--no-pdb");
            assertEquals(2, r.exitCode());
            assertTrue(r.err().startsWith("tn4j: error: --sizes: every box needs at least 1 atom, got " + size), r.err());
        }
        Run r = run("bench-neighbors", "--sizes", "10", "--no-pdb", "--cutoff", "Infinity");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: --cutoff must be a finite length > 0"), r.err());
    }

    @Test
    void versionAndHelpExitZero() {
        Run version = run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("tn4j "), version.out());
        Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("eval") && help.out().contains("bench") && help.out().contains("bench-neighbors"), help.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: missing subcommand"), r.err());
    }

    @Test
    void onlyUserErrorsBecomeOneLine() {
        assertEquals("no such file: a.ckpt",
                UserErrors.message(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("a.ckpt"))));
        assertEquals("bad", UserErrors.message(new IllegalArgumentException("bad")));
        assertEquals(null, UserErrors.message(new NullPointerException("bug")));
        assertEquals("closed", UserErrors.message(new IllegalStateException("closed")));
        assertEquals(null, UserErrors.message(new ArithmeticException("bug")));
        assertEquals("checkpoint x.ckpt: broken",
                UserErrors.message(new org.tensornet4j.checkpoint.CheckpointException(java.nio.file.Path.of("x.ckpt"), "broken")));
    }
}
