package org.tensornet4j.openmm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensornet4j.Elements;
import org.tensornet4j.openmm.mapping.State;

/**
 * Positions as a multi-model PDB file (one MODEL per report, HETATM records named by element, CRYST1
 * when periodic), each model flushed. Appending (a restart) keeps the models up to the restart step.
 */
public final class PdbReporter implements Reporter {
    private final int interval;
    private final int[] atomicNumbers;
    private final BufferedWriter out;
    private int models;

    public PdbReporter(Path file, int interval, int[] atomicNumbers, boolean append, long afterStep) throws IOException {
        this.interval = interval;
        this.atomicNumbers = atomicNumbers.clone();
        if (append && Files.exists(file)) {
            long keep = afterStep / interval;
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.startsWith("MODEL")) models++;
                if (models <= keep && !line.startsWith("END ") && !line.equals("END")) kept.add(line);
            }
            models = (int) Math.min(models, keep);
            Files.write(file, kept, StandardCharsets.US_ASCII);
            out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } else {
            out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        }
    }

    @Override
    public int interval() {
        return interval;
    }

    @Override
    public boolean needsPositions() {
        return true;
    }

    @Override
    public void report(Simulation simulation, State state) throws IOException {
        double[] xyz = OpenMM.positions(state);
        models++;
        StringBuilder s = new StringBuilder();
        if (simulation.system().usesPeriodicBoundaryConditions()) {
            double[] box = OpenMM.box(state);
            s.append(String.format(Locale.ROOT, "CRYST1%9.3f%9.3f%9.3f%7.2f%7.2f%7.2f P 1           1%n",
                    10 * box[0], 10 * box[4], 10 * box[8], 90.0, 90.0, 90.0));
        }
        s.append(String.format(Locale.ROOT, "MODEL     %4d%n", models));
        for (int i = 0; i < atomicNumbers.length; i++) {
            String element = Elements.symbol(atomicNumbers[i]);
            s.append(String.format(Locale.ROOT, "HETATM%5d %-4s MOL A   1    %8.3f%8.3f%8.3f  1.00  0.00          %2s%n",
                    (i + 1) % 100000, element.toUpperCase(Locale.ROOT), 10 * xyz[3 * i], 10 * xyz[3 * i + 1],
                    10 * xyz[3 * i + 2], element.toUpperCase(Locale.ROOT)));
        }
        s.append("ENDMDL\n");
        out.write(s.toString());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
