package org.tensornet4j.openmm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensornet4j.openmm.mapping.State;

/**
 * Positions as a CHARMM/NAMD DCD trajectory, byte for byte the layout of OpenMM's {@code DCDFile} (Å,
 * float32; the unit cell as lengths and angle cosines in every frame when the system is periodic), so
 * MDTraj, MDAnalysis and VMD read it. Each frame is written to the file and the frame count in the
 * header updated at once: a killed run leaves a readable file. Appending (a restart) keeps the frames up
 * to the restart step.
 */
public final class DcdReporter implements Reporter {
    private static final int HEADER_BYTES = 276;
    /** AKMA time unit in picoseconds, as OpenMM writes dt. */
    private static final double PS_PER_AKMA = 0.04888821;

    private final int interval;
    private final int atoms;
    private final boolean periodic;
    private final RandomAccessFile file;
    private int frames;
    private final long firstStep;

    /**
     * @param dtPs      the integrator's step (ps), recorded in the header
     * @param append    keep file's frames up to afterStep and add to it; else a new file
     */
    public DcdReporter(Path path, int interval, int atoms, boolean periodic, double dtPs, boolean append,
                       long afterStep) throws IOException {
        this.interval = interval;
        this.atoms = atoms;
        this.periodic = periodic;
        boolean existing = append && Files.exists(path) && Files.size(path) >= HEADER_BYTES;
        this.file = new RandomAccessFile(path.toFile(), "rw");
        if (existing) {
            ByteBuffer header = read(0, HEADER_BYTES);
            int count = header.getInt(8);
            int fileAtoms = header.getInt(268);
            if (fileAtoms != atoms) {
                throw new IllegalStateException(path + " holds " + fileAtoms + " atoms per frame, this system "
                        + atoms + ": not this run's trajectory");
            }
            if (header.getInt(16) != interval) {
                throw new IllegalStateException(path + " has a frame every " + header.getInt(16) + " steps, not every "
                        + interval + ": resume with the report interval of that run");
            }
            firstStep = header.getInt(12) - interval;
            frames = (int) Math.min(count, Math.max(0, afterStep / interval - (firstStep + interval) / interval + 1));
            file.setLength(HEADER_BYTES + (long) frames * frameBytes());
            updateHeader();
        } else {
            firstStep = 0;
            file.setLength(0);
            writeHeader(dtPs);
        }
    }

    private int frameBytes() {
        return (periodic ? 56 : 0) + 3 * (8 + 4 * atoms);
    }

    private ByteBuffer read(long at, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        file.seek(at);
        file.readFully(data);
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void writeHeader(double dtPs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(84).put("CORD".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0).putInt((int) firstStep + interval).putInt(interval);
        for (int i = 0; i < 6; i++) b.putInt(0);
        b.putFloat((float) (dtPs / PS_PER_AKMA));
        b.putInt(periodic ? 1 : 0);
        for (int i = 0; i < 8; i++) b.putInt(0);
        b.putInt(24).putInt(84).putInt(164).putInt(2);
        b.put(title("Created by tensornet4j")).put(title("Created " + java.time.Instant.now()));
        b.putInt(164).putInt(4).putInt(atoms).putInt(4);
        file.seek(0);
        file.write(b.array());
    }

    private static byte[] title(String text) {
        byte[] t = new byte[80];
        byte[] s = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, t, 0, Math.min(80, s.length));
        return t;
    }

    private void updateHeader() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        file.seek(8);
        file.write(b.putInt(0, frames).array());
        file.seek(20);
        file.write(b.putInt(0, (int) (firstStep + (long) frames * interval)).array());
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
        ByteBuffer b = ByteBuffer.allocate(frameBytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (periodic) {
            double[] box = OpenMM.box(state);
            double a = norm(box, 0), bl = norm(box, 3), c = norm(box, 6);
            double cosAlpha = dot(box, 3, 6) / (bl * c), cosBeta = dot(box, 0, 6) / (a * c), cosGamma = dot(box, 0, 3) / (a * bl);
            b.putInt(48).putDouble(10 * a).putDouble(cosGamma).putDouble(10 * bl).putDouble(cosBeta)
                    .putDouble(cosAlpha).putDouble(10 * c).putInt(48);
        }
        for (int k = 0; k < 3; k++) {
            b.putInt(4 * atoms);
            for (int i = 0; i < atoms; i++) b.putFloat((float) (10 * xyz[3 * i + k]));
            b.putInt(4 * atoms);
        }
        file.seek(HEADER_BYTES + (long) frames * frameBytes());
        file.write(b.array());
        frames++;
        updateHeader();
    }

    private static double norm(double[] v, int at) {
        return Math.sqrt(dot(v, at, at));
    }

    private static double dot(double[] v, int i, int j) {
        return v[i] * v[j] + v[i + 1] * v[j + 1] + v[i + 2] * v[j + 2];
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
