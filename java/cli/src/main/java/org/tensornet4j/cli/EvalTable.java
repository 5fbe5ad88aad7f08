package org.tensornet4j.cli;

import java.util.Locale;
import java.util.TreeSet;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.PotentialOutput;

/** {@code tn4j eval --format text}: the JSON's numbers as tables for people, with the units in the headers. */
final class EvalTable {
    private EvalTable() {
    }

    static String render(AtomicSystem system, PotentialOutput out) {
        return render(system, out, null, null);
    }

    /**
     * @param unit   the model's energy unit, or null
     * @param stress the virial and stress tables, or null when not asked for
     */
    static String render(AtomicSystem system, PotentialOutput out, String unit, StressReport stress) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d atom(s), %d molecule(s); lengths in Å%n", system.atomCount(), system.moleculeCount()));
        s.append("energy unit: ").append(EvalCommand.energyUnit(unit)).append(" (E below; forces in E/Å)\n\n");
        boolean std = out.hasUncertainty();
        s.append(std ? String.format(Locale.ROOT, "%-8s %16s %16s%n", "molecule", "energy (E)", "energy_std (E)")
                : String.format(Locale.ROOT, "%-8s %16s%n", "molecule", "energy (E)"));
        for (int m = 0; m < out.energy().length; m++) {
            s.append(String.format(Locale.ROOT, "%-8d %16.8f", m, out.energy()[m]));
            if (std) s.append(String.format(Locale.ROOT, " %16.8f", out.energyStd()[m]));
            s.append('\n');
        }
        s.append('\n').append(String.format(Locale.ROOT, "%-6s %14s %14s %14s%n", "atom", "fx (E/Å)", "fy (E/Å)", "fz (E/Å)"));
        double[][] f = out.forces();
        for (int i = 0; i < f.length; i++) {
            s.append(String.format(Locale.ROOT, "%-6d %14.8f %14.8f %14.8f%n", i, f[i][0], f[i][1], f[i][2]));
        }
        // Per-atom outputs (TensorNet2's charges in e and charge_channels, energies in E), one column block each.
        for (String name : new TreeSet<>(out.perAtom().keySet())) {
            String columnUnit = PotentialOutput.CHARGES.equals(name) ? " (e)" : PotentialOutput.ATOM_ENERGIES.equals(name) ? " (E)" : "";
            s.append('\n').append(String.format(Locale.ROOT, "%-6s %s%s%n", "atom", name, columnUnit));
            double[][] rows = out.perAtom().get(name);
            for (int i = 0; i < rows.length; i++) {
                s.append(String.format(Locale.ROOT, "%-6d", i));
                for (double v : rows[i]) s.append(String.format(Locale.ROOT, " %14.8f", v));
                s.append('\n');
            }
        }
        if (stress != null) s.append(stress.text());
        return s.toString();
    }
}
