package org.tensornet4j.ipi;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.util.Set;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.OptionalOutput;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;

/**
 * A {@link Potential} as an i-PI force client: answers the server's STATUS, INIT, POSDATA, GETFORCE
 * and EXIT messages on one connection until EXIT or the end of the connection. The server (i-PI, ASE's
 * {@code SocketIOCalculator}) sends only the cell and the positions, in Bohr; the atoms (and a total
 * charge) come from {@code atoms}, whose positions are replaced at every step. Energies go back in
 * Hartree, forces in Hartree/Bohr and the virial in Hartree.
 *
 * <p>The cell: all zeros (ASE's non-periodic Atoms) or {@code ignoreCell} means no box; otherwise it
 * is the periodic box, rotated into the model's lower-triangular frame ({@link CellFrame}) and its
 * virial asked of the potential ({@link OptionalOutput#VIRIAL}). Without a box the virial sent is
 * Σ rᵢ ⊗ Fᵢ, which equals the pair virial when no periodic images take part.
 */
public final class IpiClient {
    private final Potential potential;
    private final AtomicSystem atoms;
    private final String source;
    private final double hartreePerUnit;
    private final boolean ignoreCell;

    private boolean initialised;
    private double energy;
    private double[] forces;
    private double[] virial;
    private int steps;
    private long modelNanos;
    private long firstPositions = -1;

    /**
     * How a run ended: {@code exitRequested} when the server sent EXIT, else the connection ended.
     *
     * @param modelSeconds time spent computing (the potential and the conversions)
     * @param wallSeconds  time from the first positions to the end: the model plus the server's share
     */
    public record Ending(boolean exitRequested, int steps, String reason, double modelSeconds, double wallSeconds) {
        /** One line for the user: how it ended, and where the time of a step went. */
        public String message() {
            String how = (exitRequested ? "the server sent EXIT" : reason) + " after " + steps + " step(s)";
            if (steps == 0) return how;
            return how + String.format(java.util.Locale.ROOT, " (%.2f ms per step in the model, %.2f ms per step in all)",
                    1e3 * modelSeconds / steps, 1e3 * wallSeconds / steps);
        }
    }

    /**
     * @param atoms          atomic numbers (and total charge) of the simulated system, one molecule
     * @param source         where {@code atoms} came from (a file name), for messages
     * @param hartreePerUnit Hartree per model energy unit ({@link AtomicUnits#hartreePer})
     * @param ignoreCell     evaluate without a box whatever cell the server sends
     */
    public IpiClient(Potential potential, AtomicSystem atoms, String source, double hartreePerUnit, boolean ignoreCell) {
        if (atoms.moleculeCount() != 1) {
            throw new IllegalArgumentException(source + " holds " + atoms.moleculeCount() + " molecules, but an i-PI server"
                    + " simulates one system: give a structure without a batch index (all atoms in one molecule)");
        }
        this.potential = potential;
        this.atoms = atoms;
        this.source = source;
        this.hartreePerUnit = hartreePerUnit;
        this.ignoreCell = ignoreCell;
    }

    /** Steps computed so far (POSDATA messages answered). */
    public int steps() {
        return steps;
    }

    /**
     * Serves the server on {@code channel} until EXIT or the end of the connection.
     *
     * @throws IOException for a message that breaks the protocol (naming it)
     * @throws IllegalArgumentException for positions that do not fit the atoms (count, values)
     */
    public Ending serve(ByteChannel channel) throws IOException {
        IpiChannel ipi = new IpiChannel(channel);
        try {
            while (true) {
                String header = ipi.readHeader();
                switch (header) {
                    case "STATUS" -> ipi.writeHeader(forces != null ? "HAVEDATA" : initialised ? "READY" : "NEEDINIT");
                    case "INIT" -> {
                        ipi.readInt(); // bead index: one client serves one bead
                        int bytes = ipi.readInt();
                        if (bytes < 0) throw new IOException("INIT with a negative string length " + bytes + ": is this an i-PI server?");
                        ipi.skip(bytes);
                        initialised = true;
                    }
                    case "POSDATA" -> {
                        positions(ipi);
                        initialised = true;
                    }
                    case "GETFORCE" -> {
                        if (forces == null) throw new IOException("the server asked for forces (GETFORCE) before sending positions (POSDATA)");
                        ipi.writeForces(energy, forces, virial);
                        forces = null;
                    }
                    case "EXIT" -> {
                        return ending(true, null);
                    }
                    default -> throw new IOException("the server sent '" + printable(header) + "', which is no i-PI message"
                            + " (STATUS, INIT, POSDATA, GETFORCE, EXIT): is the address that of an i-PI server?");
                }
            }
        } catch (IpiChannel.ConnectionClosedException e) {
            return ending(false, e.getMessage());
        }
    }

    private Ending ending(boolean exitRequested, String reason) {
        double wall = firstPositions < 0 ? 0 : (System.nanoTime() - firstPositions) / 1e9;
        return new Ending(exitRequested, steps, reason, modelNanos / 1e9, wall);
    }

    /** Reads POSDATA and computes: cell (h, lattice vectors as columns) and its inverse, N, positions. */
    private void positions(IpiChannel ipi) throws IOException {
        double[] h = ipi.readDoubles(9);
        ipi.readDoubles(9); // the inverse cell: computed from the cell where needed
        int n = ipi.readInt();
        if (n != atoms.atomCount()) {
            throw new IllegalArgumentException("the server sent " + n + " atoms but " + source + " has " + atoms.atomCount()
                    + ": give --input the structure that the server simulates");
        }
        double[] flat = ipi.readDoubles(3 * n);
        long start = System.nanoTime();
        if (firstPositions < 0) firstPositions = start;
        CellFrame frame = ignoreCell || allZero(h) ? null : CellFrame.of(cellRows(h));
        double[][] pos = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] r = {flat[3 * i] * AtomicUnits.BOHR, flat[3 * i + 1] * AtomicUnits.BOHR, flat[3 * i + 2] * AtomicUnits.BOHR};
            pos[i] = frame == null ? r : frame.toModel(r);
        }
        AtomicSystem system = atoms.withPositions(pos).withBox(frame == null ? null : frame.box());
        PotentialOutput out = compute(system, frame != null);
        PotentialOutput.requireShape(out, 1, n, potential.getClass());
        double forceScale = hartreePerUnit * AtomicUnits.BOHR; // E/Å -> Ha/Bohr
        double[][] engineForces = new double[n][];
        forces = new double[3 * n];
        for (int i = 0; i < n; i++) {
            engineForces[i] = frame == null ? out.forces()[i] : frame.toEngine(out.forces()[i]);
            for (int k = 0; k < 3; k++) forces[3 * i + k] = engineForces[i][k] * forceScale;
        }
        double[][] w = frame == null ? positionVirial(pos, engineForces) : frame.virialToEngine(out.virial());
        // Sent transposed, as ASE's client does (numpy's virial.T bytes); i-PI reads it back the same way.
        virial = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) virial[3 * i + j] = w[j][i] * hartreePerUnit;
        }
        energy = out.totalEnergy() * hartreePerUnit;
        steps++;
        modelNanos += System.nanoTime() - start;
    }

    private PotentialOutput compute(AtomicSystem system, boolean periodic) {
        if (!periodic) return potential.compute(system);
        try {
            PotentialOutput out = potential.compute(system, Set.of(OptionalOutput.VIRIAL));
            if (out.virial() == null) throw new IllegalStateException(potential.getClass().getName() + " returned no virial although asked for one");
            return out;
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("a periodic cell needs the virial (i-PI's pressure, ASE's stress), which this model"
                    + " cannot compute: " + e.getMessage(), e);
        }
    }

    /** Σ rᵢ ⊗ Fᵢ: the virial of a system without periodic images (translation invariance makes it the pair sum). */
    private static double[][] positionVirial(double[][] pos, double[][] forces) {
        double[][] w = new double[3][3];
        for (int i = 0; i < pos.length; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) w[a][b] += pos[i][a] * forces[i][b];
            }
        }
        return w;
    }

    /** The lattice vectors as rows in Å from i-PI's h in Bohr (row-major, vectors as columns). */
    private static double[][] cellRows(double[] h) {
        double[][] rows = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) rows[i][j] = h[3 * j + i] * AtomicUnits.BOHR;
        }
        return rows;
    }

    private static boolean allZero(double[] values) {
        for (double v : values) if (v != 0) return false;
        return true;
    }

    private static String printable(String header) {
        return header.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
