package org.tensornet4j.train;

import java.util.List;
import java.util.TreeSet;
import org.tensornet4j.data.Molecule;

/**
 * What a new model takes from its training set. Reference energies per element (the Atomref prior)
 * are fitted by least squares of E ~ sum over atoms of ref[z]; TorchMD-Net's HDF5 dataset has no
 * {@code get_atomref} and would leave them at zero, which for a set of different molecules leaves
 * most of the energy to the network. With {@code standardize}, {@code mean} and {@code std} are the
 * mean and (n-1) standard deviation of the molecular energies minus their reference energies, as
 * TorchMD-Net's {@code DataModule._standardize} computes them.
 */
record Statistics(double mean, double std, double[] atomref) {

    static Statistics of(List<Molecule> train, boolean standardize, boolean fitAtomref, int maxZ) {
        double[] ref = fitAtomref ? fitReferences(train, maxZ) : null;
        if (!standardize) return new Statistics(0, 1, ref);
        double sum = 0;
        double[] ys = new double[train.size()];
        for (int i = 0; i < ys.length; i++) {
            Molecule m = train.get(i);
            if (!m.hasEnergy()) throw new IllegalArgumentException("standardize needs energies, but " + m.label() + " has none");
            ys[i] = m.energy() - referenceEnergy(m, ref);
            sum += ys[i];
        }
        double mean = sum / ys.length;
        double sq = 0;
        for (double y : ys) sq += (y - mean) * (y - mean);
        double std = ys.length > 1 ? Math.sqrt(sq / (ys.length - 1)) : 1;
        return new Statistics(mean, std > 0 ? std : 1, ref);
    }

    static double referenceEnergy(Molecule m, double[] ref) {
        if (ref == null) return 0;
        double e = 0;
        for (long z : m.z()) e += ref[(int) z];
        return e;
    }

    /** Least squares over the elements present (normal equations, a tiny ridge keeps collinear sets solvable). */
    static double[] fitReferences(List<Molecule> train, int maxZ) {
        TreeSet<Integer> present = new TreeSet<>();
        for (Molecule m : train) {
            for (long z : m.z()) {
                if (z >= maxZ) throw new IllegalArgumentException(m.label() + " has atomic number " + z + " >= max_z " + maxZ + "; raise max_z");
                present.add((int) z);
            }
        }
        int[] elements = present.stream().mapToInt(Integer::intValue).toArray();
        int k = elements.length;
        double[][] a = new double[k][k + 1];
        for (Molecule m : train) {
            if (!m.hasEnergy()) continue;
            double[] counts = new double[k];
            for (long z : m.z()) counts[java.util.Arrays.binarySearch(elements, (int) z)]++;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) a[i][j] += counts[i] * counts[j];
                a[i][k] += counts[i] * m.energy();
            }
        }
        double scale = 0;
        for (int i = 0; i < k; i++) scale = Math.max(scale, a[i][i]);
        for (int i = 0; i < k; i++) a[i][i] += 1e-9 * scale + 1e-12;
        double[] x = solve(a);
        double[] ref = new double[maxZ];
        for (int i = 0; i < k; i++) ref[elements[i]] = x[i];
        return ref;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix [k][k+1]. */
    private static double[] solve(double[][] a) {
        int k = a.length;
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) a[r][j] -= f * a[c][j];
            }
        }
        double[] x = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double s = a[r][k];
            for (int j = r + 1; j < k; j++) s -= a[r][j] * x[j];
            x[r] = s / a[r][r];
        }
        return x;
    }
}
