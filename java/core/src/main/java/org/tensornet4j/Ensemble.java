package org.tensornet4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * Several TorchMD-Net checkpoints as one {@link Potential}: the energy and forces are the means over
 * the members, and {@link PotentialOutput#energyStd()} / {@link PotentialOutput#forcesStd()} their
 * standard deviations (with Bessel's correction, n - 1, as {@code torch.std}) — the ensemble's
 * uncertainty. Per-atom outputs all members give (TensorNet2's charges) are averaged too.
 *
 * <p>Members may differ in architecture, cutoff or precision, but must treat atoms alike: the same
 * range of atomic numbers, and the same needs for a total charge and for partial charges, so that
 * one input suits all of them. Energies are averaged as given: members must share an energy unit.
 */
public final class Ensemble implements Potential {
    private final List<TensorNetPotential> members;
    private final List<String> names;
    private boolean closed;

    private Ensemble(List<TensorNetPotential> members, List<String> names) {
        this.members = List.copyOf(members);
        this.names = List.copyOf(names);
    }

    /**
     * One checkpoint as a {@link TensorNetPotential}, a single {@code .zip} of checkpoints or several
     * checkpoints as an {@link Ensemble}: what {@code tn4j eval --model} accepts ({@link EnsembleFiles}
     * finds the members).
     */
    public static Potential load(List<Path> models, Device device, NeighborStrategy neighbors) {
        return load(models, device, Map.of(), neighbors);
    }

    /**
     * As {@link #load(List, Device, NeighborStrategy)}, every checkpoint loaded with the same
     * hyper-parameter overrides (TorchMD-Net's {@code load_model(path, **kwargs)}, also for ensembles).
     */
    public static Potential load(List<Path> models, Device device, Map<String, Object> overrides, NeighborStrategy neighbors) {
        return EnsembleFiles.load(models, device, overrides, neighbors);
    }

    /**
     * An ensemble of loaded potentials (which it then owns and closes), after checking that they
     * treat atoms alike.
     *
     * @param names one per member, for messages
     */
    public static Ensemble of(List<TensorNetPotential> members, List<String> names) {
        if (members.size() < 2) throw new IllegalArgumentException("an ensemble needs at least two members, got " + members.size());
        if (names.size() != members.size()) throw new IllegalArgumentException("give one name per member");
        TensorNetPotential first = members.get(0);
        for (int k = 1; k < members.size(); k++) {
            TensorNetPotential m = members.get(k);
            String pair = names.get(0) + " and " + names.get(k);
            if (m.needsTotalCharge() != first.needsTotalCharge()) {
                throw new IllegalArgumentException("ensemble members " + pair + " disagree on the total charge: "
                        + describeTotalCharge(first) + " and " + describeTotalCharge(m) + "; combine models of one kind");
            }
            if (m.needsPartialCharges() != first.needsPartialCharges()) {
                throw new IllegalArgumentException("ensemble members " + pair + " disagree on partial charges (only one has"
                        + " TorchMD-Net's Coulomb prior, which needs them); combine models of one kind");
            }
            if (m.maxAtomicNumber() != first.maxAtomicNumber()) {
                throw new IllegalArgumentException("ensemble members " + pair + " accept different atomic numbers (max_z "
                        + first.maxAtomicNumber() + " and " + m.maxAtomicNumber() + "): members must treat atoms alike");
            }
            if (first.energyUnit() != null && m.energyUnit() != null && !first.energyUnit().equals(m.energyUnit())) {
                throw new IllegalArgumentException("ensemble members " + pair + " have different energy units ("
                        + first.energyUnit() + ", " + m.energyUnit() + "): their energies cannot be averaged");
            }
            if (!m.device().equals(first.device())) {
                throw new IllegalArgumentException("ensemble members " + pair + " run on different devices ("
                        + first.device() + ", " + m.device() + ")");
            }
        }
        return new Ensemble(members, names);
    }

    private static String describeTotalCharge(TensorNetPotential p) {
        return p.config().model() + (p.needsTotalCharge() ? " needs it" : " does not");
    }

    public int size() { return members.size(); }

    /** Whether the members need each molecule's total charge (they all agree: checked by {@link #of}). */
    public boolean needsTotalCharge() { return members.get(0).needsTotalCharge(); }

    /** Where each member came from (file, or zip!entry), in member order. */
    public List<String> memberNames() { return names; }

    @Override
    public PotentialOutput compute(AtomicSystem system) {
        if (closed) throw new IllegalStateException("this ensemble has been closed");
        List<PotentialOutput> outs = new ArrayList<>();
        for (TensorNetPotential m : members) outs.add(m.compute(system));
        return combine(outs);
    }

    /** The optional outputs asked for, means over the members (the virial element-wise; each atom's energy as a per-atom output). */
    @Override
    public PotentialOutput compute(AtomicSystem system, java.util.Set<OptionalOutput> wanted) {
        if (closed) throw new IllegalStateException("this ensemble has been closed");
        List<PotentialOutput> outs = new ArrayList<>();
        for (TensorNetPotential m : members) outs.add(m.compute(system, wanted));
        return combine(outs);
    }

    /** Means and standard deviations (n - 1) over the members' outputs. */
    static PotentialOutput combine(List<PotentialOutput> outs) {
        int molecules = outs.get(0).energy().length;
        int atoms = outs.get(0).forces().length;
        double[][] energies = new double[molecules][outs.size()];
        double[][][] forces = new double[atoms][3][outs.size()];
        for (int k = 0; k < outs.size(); k++) {
            for (int m = 0; m < molecules; m++) energies[m][k] = outs.get(k).energy()[m];
            for (int i = 0; i < atoms; i++) {
                for (int c = 0; c < 3; c++) forces[i][c][k] = outs.get(k).forces()[i][c];
            }
        }
        double[] e = new double[molecules], eStd = new double[molecules];
        for (int m = 0; m < molecules; m++) {
            e[m] = mean(energies[m]);
            eStd[m] = std(energies[m], e[m]);
        }
        double[][] f = new double[atoms][3], fStd = new double[atoms][3];
        for (int i = 0; i < atoms; i++) {
            for (int c = 0; c < 3; c++) {
                f[i][c] = mean(forces[i][c]);
                fStd[i][c] = std(forces[i][c], f[i][c]);
            }
        }
        return new PotentialOutput(e, f, eStd, fStd, meanPerAtom(outs), meanVirial(outs));
    }

    /** The members' mean virial, or null when they computed none. */
    private static double[][] meanVirial(List<PotentialOutput> outs) {
        if (outs.get(0).virial() == null) return null;
        double[][] mean = new double[3][3];
        for (PotentialOutput o : outs) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) mean[a][b] += o.virial()[a][b] / outs.size();
            }
        }
        return mean;
    }

    /** The per-atom outputs every member gives, averaged element-wise (those of different shapes are left out). */
    private static Map<String, double[][]> meanPerAtom(List<PotentialOutput> outs) {
        Map<String, double[][]> mean = new HashMap<>();
        names:
        for (var entry : outs.get(0).perAtom().entrySet()) {
            double[][] first = entry.getValue();
            double[][] sum = new double[first.length][first[0].length];
            for (PotentialOutput o : outs) {
                double[][] v = o.perAtom().get(entry.getKey());
                if (v == null || v[0].length != first[0].length) continue names;
                for (int i = 0; i < v.length; i++) {
                    for (int c = 0; c < v[i].length; c++) sum[i][c] += v[i][c] / outs.size();
                }
            }
            mean.put(entry.getKey(), sum);
        }
        return mean;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double std(double[] v, double mean) {
        double s = 0;
        for (double x : v) s += (x - mean) * (x - mean);
        return Math.sqrt(s / (v.length - 1));
    }

    @Override
    public Device device() { return members.get(0).device(); }

    /** The largest member cutoff: atoms farther apart than this interact in no member. */
    @Override
    public double cutoff() {
        return members.stream().mapToDouble(TensorNetPotential::cutoff).max().orElseThrow();
    }

    /** The largest member reach. */
    @Override
    public double receptiveField() {
        return members.stream().mapToDouble(TensorNetPotential::receptiveField).max().orElseThrow();
    }

    /** The members' energy unit when they all name the same one, else null. */
    @Override
    public String energyUnit() {
        String unit = members.get(0).energyUnit();
        for (TensorNetPotential m : members) {
            if (unit == null || !unit.equals(m.energyUnit())) return null;
        }
        return unit;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        members.forEach(TensorNetPotential::close);
    }
}
