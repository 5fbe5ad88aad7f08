package org.tensornet4j.openmm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Classical Systems made by OpenMM's Python app (Debian's python3-openmm), as a user would make them. */
public final class AmberSystems {
    private AmberSystems() {
    }

    /** Amber14 for pdb in vacuum (no cutoff, no constraints), serialized to xml. */
    public static void write(Path pdb, Path xml) throws IOException, InterruptedException {
        String script = String.join("\n", "import sys",
                "from openmm import app, XmlSerializer",
                "pdb = app.PDBFile(sys.argv[1])",
                "ff = app.ForceField('amber14-all.xml')",
                "s = ff.createSystem(pdb.topology, nonbondedMethod=app.NoCutoff, constraints=None, rigidWater=False)",
                "open(sys.argv[2], 'w').write(XmlSerializer.serialize(s))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, pdb.toString(), xml.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("OpenMM's app failed on " + pdb + ":\n" + log);
    }
}
