package org.tensornet4j.openmm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
