package org.tensornet4j.openmm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;
import org.tensornet4j.cli.Main;
import org.tensornet4j.openmm.RunFolder;
import org.tensornet4j.openmm.StateDataReporter;
import picocli.CommandLine;

/** tn4j md in this JVM: restart semantics, the outputs, and the errors a user can make. */
class MdCommandTest {
    static final Path ROOT = Fixtures.root().getParent().getParent();
    static final Path MODEL = ROOT.resolve("examples/models/default.ckpt");
    static final Path CAFFEINE = ROOT.resolve("examples/molecules/caffeine.pdb");

    record Result(int exitCode, String out, String err) {}

    static Result md(Path out, String... extra) {
        List<String> defaults = List.of("--model", MODEL.toString(), "--energy-unit", "eV", "--input",
                CAFFEINE.toString(), "--dt", "0.5", "--temperature", "300", "--platform", "Reference", "--seed", "17",
                "--report-interval", "5", "--out", out.toString());
        List<String> args = new ArrayList<>(List.of("md", "--no-progress"));
        List<String> given = Arrays.asList(extra);
        for (int i = 0; i < defaults.size(); i += 2) {
            if (!given.contains(defaults.get(i))) args.addAll(defaults.subList(i, i + 2)); // extra wins
        }
        args.addAll(given);
        CommandLine cmd = Main.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cmd.setOut(new PrintWriter(o));
        cmd.setErr(new PrintWriter(e));
        int code = cmd.execute(args.toArray(String[]::new));
        return new Result(code, o.toString(), e.toString());
    }

    /** The CSV rows without the wall-clock column (speed). */
    static List<String> rows(Path dir) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunFolder.CSV))) rows.add(line.substring(0, line.lastIndexOf(',')));
        return rows;
    }

    /** The DCD frames (the header holds a creation time). */
    static byte[] frames(Path dir) throws IOException {
        byte[] all = Files.readAllBytes(dir.resolve(RunFolder.DCD));
        return Arrays.copyOfRange(all, 276, all.length);
    }

    /** The CLI's conventions (CliConventionTest) for the real md command. */
    @Test
    void helpFollowsTheConventions() {
        CommandLine cmd = Main.commandLine();
        StringWriter o = new StringWriter();
        cmd.setOut(new PrintWriter(o));
        assertEquals(0, cmd.execute("md", "--help"));
        for (String line : o.toString().split("\n")) assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
        assertTrue(o.toString().contains("Example:\n  ./tn4j md "), o.toString());
        assertTrue(o.toString().contains("(default: 100)"), o.toString());
    }

    /**
     * 2N steps in one run equal N steps + --resume + N steps exactly (positions in the DCD and PDB,
     * energies in the CSV), outputs appended once; the first N steps of both runs, made independently
     * with the same seed, are the same trajectory (Reference platform).
     */
    @Test
    void twoNStepsEqualNPlusResumePlusN(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        Result one = md(whole, "--steps", "20");
        assertEquals(0, one.exitCode(), one.err());
        Result first = md(split, "--steps", "10");
        assertEquals(0, first.exitCode(), first.err());
        Result again = md(split, "--steps", "20", "--resume");
        assertEquals(0, again.exitCode(), again.err());

        List<String> rows = rows(whole);
        assertEquals("#\"" + String.join("\",\"", StateDataReporter.COLUMNS.subList(0, 8)) + "\"", rows.get(0));
        assertEquals(1 + 4, rows.size(), "a header and one row per 5 steps");
        assertEquals(rows, rows(split));
        assertArrayEquals(frames(whole), frames(split));
        assertEquals(Files.readString(whole.resolve(RunFolder.PDB)), Files.readString(split.resolve(RunFolder.PDB)));
        assertTrue(Files.size(whole.resolve(RunFolder.PLOT)) > 0);
        assertTrue(Files.readString(whole.resolve("state.xml")).contains("<State"));

        // resuming a finished run does nothing and changes nothing
        Result done = md(split, "--steps", "20", "--resume");
        assertEquals(0, done.exitCode(), done.err());
        assertEquals(rows, rows(split));
    }

    /** MDTraj (Debian's python3-mdtraj) reads the DCD with the PDB as topology: frames and coordinates. */
    @Test
    void mdtrajReadsTheTrajectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, md(out, "--steps", "10").exitCode());
        String script = String.join("\n", "import mdtraj, sys",
                "t = mdtraj.load_dcd(sys.argv[1], top=sys.argv[2])",
                "p = mdtraj.load_pdb(sys.argv[2])",
                "print(t.n_frames, t.n_atoms, abs(t.xyz - p.xyz).max(), t.unitcell_vectors is None)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, out.resolve(RunFolder.DCD).toString(),
                out.resolve(RunFolder.PDB).toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), text);
        String[] f = text.lines().reduce((a, b) -> b).orElse("").split(" ");
        assertEquals("2", f[0], text);
        assertEquals("24", f[1], text);
        // float32 Å in the DCD vs %8.3f in the PDB: within 0.0005 Å = 5e-5 nm
        assertTrue(Double.parseDouble(f[2]) < 6e-5, text);
        assertEquals("True", f[3], "a vacuum run writes no unit cell: " + text);
    }

    static void assertUserError(Result r, String... parts) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tn4j: error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String part : parts) assertTrue(r.err().contains(part), part + " in " + r.err());
    }

    @Test
    void userErrorsAreOneLine(@TempDir Path tmp) throws IOException {
        assertUserError(md(tmp.resolve("a"), "--steps", "5", "--input", tmp.resolve("missing.pdb").toString()),
                "missing.pdb");
        Path unknown = tmp.resolve("unknown.pdb");
        Files.writeString(unknown, "HETATM    1  X1  MOL A   1       0.000   0.000   0.000  1.00  0.00          Xx\nEND\n");
        assertUserError(md(tmp.resolve("b"), "--steps", "5", "--input", unknown.toString()), "unknown element 'Xx'");

        assertUserError(md(tmp.resolve("e"), "--steps", "5", "--energy-unit", "furlong"), "OpenMM: ", "furlong");
        assertUserError(md(tmp.resolve("f"), "--steps", "5", "--platform", "Metal"), "unknown OpenMM platform 'Metal'");

        Path blocker = tmp.resolve("a-file");
        Files.writeString(blocker, "");
        Result unwritable = md(blocker.resolve("out"), "--steps", "5");
        assertUserError(unwritable, "a-file");

        Path twoAtoms = tmp.resolve("two.xml");
        Files.writeString(twoAtoms, "<?xml version=\"1.0\" ?>\n<System openmmVersion=\"7.7\" type=\"System\" version=\"1\">"
                + "<PeriodicBoxVectors><A x=\"2\" y=\"0\" z=\"0\"/><B x=\"0\" y=\"2\" z=\"0\"/><C x=\"0\" y=\"0\" z=\"2\"/>"
                + "</PeriodicBoxVectors><Particles><Particle mass=\"1\"/><Particle mass=\"1\"/></Particles>"
                + "<Constraints/><Forces/></System>\n");
        assertUserError(md(tmp.resolve("c"), "--steps", "5", "--system", twoAtoms.toString(), "--ml-atoms", "0,1"),
                "2 particles", "24 atoms");

        Path caffeineSystem = tmp.resolve("caffeine.xml");
        StringBuilder particles = new StringBuilder();
        for (int i = 0; i < 24; i++) particles.append("<Particle mass=\"12\"/>");
        Files.writeString(caffeineSystem, Files.readString(twoAtoms).replace(
                "<Particle mass=\"1\"/><Particle mass=\"1\"/>", particles.toString()));
        assertUserError(md(tmp.resolve("d"), "--steps", "5", "--system", caffeineSystem.toString(), "--ml-atoms", "0,24"),
                "ML atom 24 is out of range");
        assertUserError(md(tmp.resolve("d"), "--steps", "5", "--system", caffeineSystem.toString(), "--ml-atoms",
                "resname:LIG"), "no atom matches the selection 'resname:LIG'", "residues are 'UNL'");
        assertUserError(md(tmp.resolve("d"), "--steps", "5", "--system", caffeineSystem.toString(), "--ml-atoms",
                "7-x"), "'7-x' is not an atom index");

        // a folder holding a run of another system (another model setting) refuses --resume
        Path run = tmp.resolve("run");
        assertEquals(0, md(run, "--steps", "5").exitCode());
        assertUserError(md(run, "--steps", "10", "--resume", "--charge", "1"), "another system");
        assertUserError(md(run, "--steps", "10", "--resume", "--dt", "0.25"), "another integrator");
        assertUserError(md(run, "--steps", "10", "--resume", "--report-interval", "2"), "every 5 steps");
        assertUserError(md(run, "--steps", "10"), "holds a run already", "--resume");
    }

    /**
     * ML/MM from the command line: alanine dipeptide's central residue (resname:ALA, atoms 6-15) on the ML
     * potential, the rest Amber14 (a System XML from OpenMM's Python app); the run's System is the plugin's
     * mixed system: the TensorNetForce on those atoms, the bonds among them gone.
     */
    @Test
    void mlAtomsInAClassicalSystem(@TempDir Path tmp) throws Exception {
        Path pdb = ROOT.resolve("examples/molecules/alanine_dipeptide.pdb");
        Path xml = tmp.resolve("amber.xml");
        org.tensornet4j.openmm.AmberSystems.write(pdb, xml);
        Path out = tmp.resolve("mlmm");
        Result r = md(out, "--steps", "10", "--input", pdb.toString(), "--system", xml.toString(),
                "--ml-atoms", "resname:ALA");
        assertEquals(0, r.exitCode(), r.err());
        String system = Files.readString(out.resolve(RunFolder.SYSTEM));
        assertTrue(system.contains("TensorNetForce"), "the ML force in the run's System");
        assertTrue(system.contains("<Particle value=\"6\""), "on the listed atoms");
        assertTrue(Files.readString(xml).split("<Bond ").length > system.split("<Bond ").length,
                "the bonds inside the ML region removed");
        assertEquals(1 + 2, rows(out).size());
    }

    /** A run that blows up stops, names the step and the cause, and keeps what it wrote. */
    @Test
    void aBlowUpStopsTheRunAndKeepsItsOutputs(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("boom");
        // 10 fs steps: the hydrogens fly apart within a few steps (the temperature check, 1500 K here)
        Result r = md(out, "--steps", "200", "--dt", "10", "--report-interval", "1");
        assertUserError(r, "stopped at step");
        long step = Long.parseLong(r.err().replaceAll("(?s).*stopped at step (\\d+):.*", "$1"));
        assertTrue(step > 1, r.err());
        assertEquals(step - 1, rows(out).size() - 1, "the rows of the steps before the failure are kept: " + r.err());
    }
}
