package org.tensornet4j.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TorchMD-Net's HDF5 dataset layout ({@code torchmdnet.datasets.HDF5}): every top-level group except
 * {@code _metadata} holds conformations with the same number of atoms N: {@code types} ([N] shared,
 * or [M, N]), {@code pos} [M, N, 3], and at least one of {@code energy} ([M] or [M, 1]) and
 * {@code forces} [M, N, 3]; optionally {@code total_charge} [M]. The format carries no units;
 * tensornet4j reads positions as Angstrom and energies/forces in whatever unit the file uses.
 */
public final class Hdf5Dataset {
    private Hdf5Dataset() {}

    public static List<Molecule> read(Path file) {
        List<Molecule> out = new ArrayList<>();
        open(file, hdf -> {
            for (Group group : groups(file, hdf)) readGroup(file, group, 0, -1, out);
        });
        return out;
    }

    /**
     * The conformation count of each group, in file order: how a file is cut into parts that are read
     * separately ({@link #read(Path, String, int, int)}), e.g. by the tasks of a Spark job.
     */
    public static Map<String, Integer> groupSizes(Path file) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        open(file, hdf -> {
            for (Group group : groups(file, hdf)) sizes.put(group.getName(), conformations(file, group));
        });
        return sizes;
    }

    /** Conformations {@code from} (inclusive) to {@code to} (exclusive) of one group; only those rows are read. */
    public static List<Molecule> read(Path file, String group, int from, int to) {
        List<Molecule> out = new ArrayList<>();
        open(file, hdf -> {
            Node node = hdf.getChildren().get(group);
            if (!(node instanceof Group g)) throw new DatasetException(file, "has no group '" + group + "'");
            int m = conformations(file, g);
            if (from < 0 || to > m || from > to) {
                throw new DatasetException(file, "group '" + group + "' has " + m + " conformations; rows " + from + " to " + to
                        + " do not lie in it");
            }
            readGroup(file, g, from, to, out);
        });
        return out;
    }

    private static void open(Path file, java.util.function.Consumer<HdfFile> body) {
        try (HdfFile hdf = new HdfFile(file)) {
            requireComplete(file, hdf);
            body.accept(hdf);
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static List<Group> groups(Path file, HdfFile hdf) {
        List<Group> groups = new ArrayList<>();
        for (Node node : hdf) {
            if (node.getName().equals("_metadata")) continue;
            if (!(node instanceof Group group)) {
                throw new DatasetException(file, "top-level entry '" + node.getName() + "' is not a group; TorchMD-Net's"
                        + " layout has one group per set of same-size molecules holding types, pos, energy, forces");
            }
            groups.add(group);
        }
        return groups;
    }

    private static int conformations(Path file, Group g) {
        return required(file, g, "pos").getDimensions()[0];
    }

    /** HDF5's format signature, the first 8 bytes of every HDF5 file (without a user block). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /**
     * The superblock records where the file ends; a shorter file was cut off (an interrupted copy or
     * download). Checked before reading, so that the message says so instead of whatever structure
     * the reader happened to find missing first.
     */
    private static void requireComplete(Path file, HdfFile hdf) {
        var superblock = hdf.getHdfBackingStorage().getSuperblock();
        long expected = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        long actual = hdf.size();
        if (actual < expected) throw truncated(file, "its header says " + expected + " bytes, the file has " + actual);
    }

    /** Why the file cannot be read: cut off, corrupt, or not HDF5 at all (by its signature). */
    private static DatasetException unreadable(Path file, RuntimeException e) {
        byte[] head = new byte[SIGNATURE.length];
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, SIGNATURE)) {
                return new DatasetException(file, "is not an HDF5 file (it does not start with the HDF5 signature); give a"
                        + " TorchMD-Net HDF5 dataset (.h5) or an extended XYZ file (.xyz)", e);
            }
        } catch (IOException io) {
            return new DatasetException(file, "cannot be read: " + io.getMessage(), io);
        }
        // An HDF5 file too short to hold its own superblock and root group is cut off, not merely odd.
        if (size < MIN_COMPLETE_BYTES) return truncated(file, "it has only " + size + " bytes");
        return new DatasetException(file, "is an HDF5 file but cannot be read (" + e.getMessage() + "): it is corrupt or"
                + " truncated; copy it again, or write it again with h5py", e);
    }

    /** Superblock (v0: 96 bytes) plus the root group's object header: no complete HDF5 file is shorter. */
    private static final long MIN_COMPLETE_BYTES = 96;

    private static DatasetException truncated(Path file, String evidence) {
        return new DatasetException(file, "is truncated (" + evidence + "): an interrupted copy or download? copy it again");
    }

    /** Rows [from, to) of a group; to = -1: all of them. */
    private static void readGroup(Path file, Group g, int from, int toOrAll, List<Molecule> out) {
        String name = g.getName();
        Dataset pos = required(file, g, "pos");
        Dataset types = required(file, g, "types");
        Dataset energy = optional(g, "energy");
        Dataset forces = optional(g, "forces");
        Dataset charge = optional(g, "total_charge");
        if (energy == null && forces == null) {
            throw new DatasetException(file, "group '" + name + "' has neither 'energy' nor 'forces'; add at least one");
        }
        int[] ps = pos.getDimensions();
        if (ps.length != 3 || ps[2] != 3) {
            throw new DatasetException(file, "group '" + name + "': 'pos' has shape " + Arrays.toString(ps) + ", expected [M, N, 3]");
        }
        int m = ps[0];
        int n = ps[1];
        if (n == 0 && m > 0) throw new DatasetException(file, "group '" + name + "': 'pos' has no atoms (shape " + Arrays.toString(ps) + ")");
        int[] ts = types.getDimensions();
        boolean shared = ts.length == 1;
        if (!(shared && ts[0] == n) && !(ts.length == 2 && ts[0] == m && ts[1] == n)) {
            throw new DatasetException(file, "group '" + name + "': 'types' has shape " + Arrays.toString(ts) + " but 'pos' is "
                    + Arrays.toString(ps) + "; expected [" + n + "] or [" + m + ", " + n + "]");
        }
        if (energy != null) checkShape(file, name, "energy", energy, new int[] {m}, new int[] {m, 1});
        if (forces != null) checkShape(file, name, "forces", forces, new int[] {m, n, 3});
        if (charge != null) checkShape(file, name, "total_charge", charge, new int[] {m}, new int[] {m, 1});
        int to = toOrAll < 0 ? m : toOrAll;
        // Only the rows asked for are read (a slice of each per-conformation dataset); indices below are
        // relative to 'from'.
        double[] p = rows(file, name, pos, from, to, m);
        double[] t = shared ? doubles(file, name, types) : rows(file, name, types, from, to, m);
        double[] e = energy == null ? null : rows(file, name, energy, from, to, m);
        double[] f = forces == null ? null : rows(file, name, forces, from, to, m);
        double[] q = charge == null ? null : rows(file, name, charge, from, to, m);
        for (int i = 0; i < to - from; i++) {
            String label = "group '" + name + "' molecule " + (from + i);
            long[] z = new long[n];
            for (int a = 0; a < n; a++) {
                double v = t[shared ? a : i * n + a];
                if (v != Math.rint(v)) throw new DatasetException(file, label + ": type " + v + " of atom " + a + " is not an integer");
                z[a] = (long) v;
            }
            double en = e == null ? Double.NaN : e[i];
            if (e != null && Double.isNaN(en)) {
                throw new DatasetException(file, label + ": energy is NaN; remove the molecule or fix its label");
            }
            double[] molPos = Arrays.copyOfRange(p, i * n * 3, (i + 1) * n * 3);
            double[] molForces = f == null ? null : Arrays.copyOfRange(f, i * n * 3, (i + 1) * n * 3);
            Datasets.validate(file, label, z, molPos, en, molForces);
            double molCharge = q == null ? 0 : q[i];
            if (!Double.isFinite(molCharge)) {
                throw new DatasetException(file, label + ": total_charge is " + molCharge + "; remove the molecule or fix its data");
            }
            out.add(Molecule.of(label, z, molPos, en, molForces, molCharge));
        }
    }

    private static Dataset required(Path file, Group g, String name) {
        Dataset d = optional(g, name);
        if (d == null) {
            throw new DatasetException(file, "group '" + g.getName() + "' has no dataset '" + name + "'; every group needs 'types'"
                    + " [N], 'pos' [M, N, 3] and 'energy' [M] and/or 'forces' [M, N, 3]");
        }
        return d;
    }

    private static Dataset optional(Group g, String name) {
        Node n = g.getChildren().get(name);
        return n instanceof Dataset d ? d : null;
    }

    private static void checkShape(Path file, String group, String name, Dataset d, int[]... allowed) {
        int[] s = d.getDimensions();
        for (int[] a : allowed) {
            if (Arrays.equals(a, s)) return;
        }
        throw new DatasetException(file, "group '" + group + "': '" + name + "' has shape " + Arrays.toString(s) + ", expected "
                + Arrays.toString(allowed[0]) + " to match 'pos'");
    }

    /**
     * Rows [from, to) of a dataset whose first dimension is the m conformations, flattened. The whole
     * dataset is read: jhdf 0.9.4's sliced reads (getData(offset, shape)) return zeros past the first
     * chunk of a chunked, compressed dataset, which is how h5py writes TorchMD-Net's files.
     */
    private static double[] rows(Path file, String group, Dataset d, int from, int to, int m) {
        double[] all = doubles(file, group, d);
        if (from == 0 && to == m) return all;
        int perRow = all.length / m;
        return Arrays.copyOfRange(all, from * perRow, to * perRow);
    }

    private static double[] doubles(Path file, String group, Dataset d) {
        return numbers(file, group, d, d.getDataFlat());
    }

    private static double[] numbers(Path file, String group, Dataset d, Object data) {
        if (data instanceof double[] a) return a;
        if (data instanceof float[] a) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) r[i] = a[i];
            return r;
        }
        if (data instanceof long[] a) return Arrays.stream(a).asDoubleStream().toArray();
        if (data instanceof int[] a) return Arrays.stream(a).asDoubleStream().toArray();
        if (data instanceof short[] a) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) r[i] = a[i];
            return r;
        }
        if (data instanceof byte[] a) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) r[i] = a[i];
            return r;
        }
        throw new DatasetException(file, "group '" + group + "': '" + d.getName() + "' holds " + d.getJavaType()
                + "; expected numbers");
    }

    /**
     * Writes molecules in this layout, one group per distinct type sequence ({@code types} [N] shared,
     * {@code pos}, and where every molecule of the group has them {@code energy} [M] and {@code forces};
     * {@code total_charge} [M] when a molecule is charged; float64).
     */
    public static void write(Path file, List<Molecule> molecules) {
        java.util.Map<String, List<Molecule>> groups = new java.util.LinkedHashMap<>();
        for (Molecule m : molecules) groups.computeIfAbsent(Arrays.toString(m.z()), k -> new ArrayList<>()).add(m);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            int index = 0;
            for (List<Molecule> ms : groups.values()) {
                WritableGroup g = hdf.putGroup("mol" + index++);
                int n = ms.get(0).atoms();
                double[][][] pos = new double[ms.size()][n][3];
                double[][][] forces = new double[ms.size()][n][3];
                double[] energy = new double[ms.size()];
                double[] charge = new double[ms.size()];
                for (int i = 0; i < ms.size(); i++) {
                    Molecule m = ms.get(i);
                    energy[i] = m.energy();
                    charge[i] = m.charge();
                    double[] p = m.pos();
                    for (int a = 0; a < n; a++) {
                        for (int k = 0; k < 3; k++) {
                            pos[i][a][k] = p[3 * a + k];
                            forces[i][a][k] = m.hasForces() ? m.forces()[3 * a + k] : 0;
                        }
                    }
                }
                g.putDataset("types", ms.get(0).z());
                g.putDataset("pos", pos);
                if (ms.stream().allMatch(Molecule::hasEnergy)) g.putDataset("energy", energy);
                if (ms.stream().allMatch(Molecule::hasForces)) g.putDataset("forces", forces);
                if (ms.stream().anyMatch(m -> m.charge() != 0)) g.putDataset("total_charge", charge);
            }
        }
    }
}
