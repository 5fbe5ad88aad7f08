package org.tensornet4j.openmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;
import org.tensornet4j.openmm.mapping.OpenMMSystem;

/** The Java route to createMixedSystem applies openmm-ml's TorchMD-Net options as the Python wrapper does. */
class MlSystemsTest {
    static final Path PDB = Fixtures.root().getParent().getParent().resolve("examples/molecules/alanine_dipeptide.pdb");

    static String mixedXml(Path amber, Structure structure, String model) throws Exception {
        MlPotential potential = MlPotential.of(Fixtures.checkpoint(model), "eV");
        try (OpenMMSystem classical = MlSystems.read(amber, structure);
             OpenMMSystem mixed = MlSystems.mixed(classical, structure, IntStream.rangeClosed(6, 15).toArray(), potential)) {
            return org.tensornet4j.openmm.mapping.global.OpenMM.serializeSystem(mixed);
        }
    }

    @Test
    void aCoulombHeadGetsNoCoulombCutoffInVacuumAndOtherModelsNone(@TempDir Path tmp) throws Exception {
        Path amber = tmp.resolve("amber.xml");
        AmberSystems.write(PDB, amber);
        Structure structure = Structure.read(PDB);
        OpenMM.loadPlugins();
        String tn2 = mixedXml(amber, structure, "tn2-bench");
        String tn = mixedXml(amber, structure, "tn-small");
        assertTrue(tn2.contains("coulomb_cutoff") && tn2.contains("null"), "TensorNet2 in vacuum: coulomb_cutoff None");
        assertFalse(tn.contains("coulomb_cutoff"), "TensorNet reads no coulomb_cutoff");
    }

    /**
     * The Python route (openmmtensornet4j.createMixedSystem, openmm-ml's signature) and the Java route
     * (MlSystems.mixed) build the same System from the same classical System and ML atoms: XML equal.
     */
    @Test
    void pythonAndJavaBuildTheSameMixedSystem(@TempDir Path tmp) throws Exception {
        Path amber = tmp.resolve("amber.xml");
        AmberSystems.write(PDB, amber);
        Structure structure = Structure.read(PDB);
        OpenMM.loadPlugins();
        for (String model : new String[] {"tn-small", "tn2-bench"}) {
            assertEquals(pythonMixedXml(amber, model), mixedXml(amber, structure, model), model);
        }
    }

    /** The mixed System as openmmtensornet4j.createMixedSystem builds it in Python (this build's module). */
    static String pythonMixedXml(Path amber, String model) throws Exception {
        String script = String.join("\n", "import sys",
                "from openmm import app, XmlSerializer",
                "import openmmtensornet4j as tn",
                "pdb = app.PDBFile(sys.argv[1])",
                "system = XmlSerializer.deserialize(open(sys.argv[2]).read())",
                "mixed = tn.createMixedSystem(pdb.topology, system, list(range(6, 16)), sys.argv[3], energyUnit='eV', charge=0)",
                "sys.stdout.write(XmlSerializer.serialize(mixed))");
        Path python = org.tensornet4j.openmm.presets.PluginLibrary.directory().getParent().resolve("python");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", script, PDB.toString(), amber.toString(),
                Fixtures.checkpoint(model).toAbsolutePath().toString());
        pb.environment().put("PYTHONPATH", python.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "python route failed:\n" + err);
        return out;
    }
}
