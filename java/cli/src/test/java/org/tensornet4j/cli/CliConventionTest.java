package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensornet4j.Fixtures;

/** One convention across the subcommands (issue 20): help, formats, units, errors, old option names. */
class CliConventionTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "tn4j {0} --help")
    @ValueSource(strings = {"", "eval", "train", "test", "bench", "bench-neighbors", "ipi", "score", "convert", "run", "shell",
            "md"})
    void helpFitsEightyColumnsAndShowsAnExample(String command) {
        MainTest.Run r = command.isEmpty() ? MainTest.run("--help") : MainTest.run(command, "--help");
        assertEquals(0, r.exitCode(), r.err());
        for (String line : r.out().split("\n")) {
            assertTrue(line.codePointCount(0, line.length()) <= 80, "wider than 80 columns: " + line);
        }
        assertTrue(r.out().contains("Example:\n  ./tn4j ") || r.out().contains("Examples:\n  ./tn4j "), r.out());
        // One style: "(default: X)", placeholders in capitals, Å for lengths, nothing the build cannot do.
        assertFalse(r.out().matches("(?s).*\\(default [^:].*"), "a default without ':'\n" + r.out());
        assertFalse(r.out().matches("(?s).*=<[A-Za-z].*"), "a <placeholder>\n" + r.out());
        assertFalse(r.out().contains(" in A ") || r.out().contains("(A)"), "A for ångström\n" + r.out());
        assertFalse(r.out().contains("cuda"), "advertises CUDA\n" + r.out());
    }

    @Test
    void summariesAreWholeSentences() {
        String help = MainTest.run("--help").out();
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("\n  help"));
        // Each summary (its continuation lines joined) ends with a full stop.
        for (String summary : commands.replaceAll("\n {20,}", " ").split("\n")) {
            if (summary.startsWith("  ")) assertTrue(summary.strip().endsWith("."), "cut off: " + summary);
        }
    }

    @Test
    void malformedYamlIsOneLineWithLineAndColumn() throws IOException {
        Path config = Files.writeString(tmp.resolve("bad.yaml"), "log_dir: logs\nlr: [1e-3\nnum_epochs: 2\n");
        MainTest.Run r = MainTest.run("train", "--input", config.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().matches("tn4j: error: " + java.util.regex.Pattern.quote(config.toString()) + ":\\d+:\\d+: malformed YAML: .*\n"),
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void inputIsRequiredUnderEitherName() {
        MainTest.Run r = MainTest.run("train");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: Missing required option: '--input=FILE'"), r.err());
        MainTest.Run old = MainTest.run("train", "--config", tmp.resolve("missing.yaml").toString());
        assertEquals(2, old.exitCode());
        assertTrue(old.err().startsWith("tn4j: error: ") && old.err().contains("missing.yaml"), old.err());
        MainTest.Run test = MainTest.run("test", "--model", "m.ckpt");
        assertEquals(2, test.exitCode());
        assertTrue(test.err().startsWith("tn4j: error: Missing required option: '--input=FILE'"), test.err());
    }

    @Test
    void evalTextIsATableWithUnitsAndJsonSaysTheUnitIsUnknown() throws IOException {
        Path model = Fixtures.root().resolve("tensornet/tn-small.ckpt");
        String caffeine = Fixtures.system("caffeine").toString();
        MainTest.Run text = MainTest.run("eval", "--model", model.toString(), "--input", caffeine, "--format", "text");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("24 atom(s), 1 molecule(s); lengths in Å"), text.out());
        assertTrue(text.out().contains("energy (E)") && text.out().contains("fx (E/Å)"), text.out());
        assertTrue(text.out().contains("energy unit: unknown: the checkpoint records no energy_unit"), text.out());
        assertEquals(1 + 1 + 1 + 1 + 1 + 1 + 1 + 24, text.out().strip().lines().count(), text.out());

        MainTest.Run json = MainTest.run("eval", "--model", model.toString(), "--input", caffeine);
        JsonNode units = new ObjectMapper().readTree(json.out()).get("units");
        assertEquals(EvalCommand.UNKNOWN_ENERGY_UNIT, units.get("energy").asText());
        assertFalse(json.out().contains("model energy unit"), json.out());
        // The shipped model records its unit (energy_unit eV): the output names it.
        MainTest.Run shipped = MainTest.run("eval", "--model", Fixtures.root().resolve("../../examples/models/default.ckpt").normalize().toString(),
                "--input", caffeine);
        assertEquals(0, shipped.exitCode(), shipped.err());
        JsonNode shippedUnits = new ObjectMapper().readTree(shipped.out()).get("units");
        assertEquals("eV", shippedUnits.get("energy").asText(), shipped.out());
        assertEquals("eV / angstrom", shippedUnits.get("forces").asText(), shipped.out());

        MainTest.Run bad = MainTest.run("eval", "--model", model.toString(), "--input", caffeine, "--format", "yaml");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("tn4j: error: Invalid value for option '--format'"), bad.err());
    }

    /** jhdf logs through SLF4J: without a binding every test and train run starts with SLF4J warnings. */
    @Test
    void aLoggingBindingSilencesSlf4j() throws ClassNotFoundException {
        // The fallback without a binding is also a NOP factory, but it warns first: the binder class is what counts.
        Class.forName("org.slf4j.impl.StaticLoggerBinder"); // slf4j 1.7's binding lookup; slf4j-nop provides it
    }
}
