package org.tensornet4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.Ensemble;
import org.tensornet4j.OptionalOutput;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.cli.io.StructureFiles;
import org.tensornet4j.neighbors.PeriodicBox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tn4j eval}: energy and forces of one structure file, as JSON (or a table) on stdout. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Computes the energy of each molecule and the forces on each atom.",
            "Prints JSON (or a table with --format text) on stdout. Input formats by extension: "
                + StructureFiles.SUPPORTED + ". Lengths are in Å; energies in the model's unit: the checkpoint's energy_unit"
                + " (eV for the shipped default.ckpt; TorchMD-Net's own checkpoints record none)."
        },
        footer = {"", "Example:", "  ./tn4j eval --model examples/models/default.ckpt \\",
            "      --input examples/molecules/caffeine.pdb --format text"})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String UNKNOWN_ENERGY_UNIT = "unknown: the checkpoint records no energy_unit";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, arity = "1..*", paramLabel = "CKPT",
            description = {"TorchMD-Net checkpoint (.ckpt); several (repeat --model or list them) or one .zip of"
                + " checkpoints evaluate an ensemble: mean energy and forces plus energy_std and forces_std"})
    List<Path> models;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "structure: .pdb, .xyz or .json")
    Path input;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "json or text (a table with units) (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = "--charge", split = ",", paramLabel = "Q",
            description = "total charge (e); one per molecule, comma-separated, for a batched input")
    double[] charges;

    @Option(names = "--box", arity = "9", paramLabel = "L",
            description = "periodic box rows a, b, c (Å): ax ay az bx by bz cx cy cz; overrides the file's box")
    double[] box;

    @Option(names = "--stress",
            description = "also the virial and the stress -virial/volume (E/Å³; GPa too when the model's energy_unit is"
                + " eV, kJ/mol or kcal/mol) of a periodic input")
    boolean stress;

    @Option(names = "--atom-energies",
            description = "also each atom's energy (adding up to its molecule's) as \"energies\"")
    boolean atomEnergies;

    @CommandLine.Mixin
    ModelOverridesOption overrides;

    @CommandLine.Mixin
    NeighborOption neighbors;

    @CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws IOException {
        // Input and options are checked before the model loads: a typo should not wait for LibTorch.
        AtomicSystem system = system();
        Device target = device.device();
        PotentialOutput out;
        String unit;
        try (Potential potential = Ensemble.load(models, target, overrides.overrides(), neighbors.strategy)) {
            out = potential.compute(system, wanted());
            unit = potential.energyUnit();
        }
        StressReport stressReport = stress ? new StressReport(out, system.box(), unit) : null;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(format == OutputFormat.text ? EvalTable.render(system, out, unit, stressReport)
                : JSON.writeValueAsString(json(system, out, unit, stressReport)) + "\n");
        stdout.flush();
        return 0;
    }

    private java.util.Set<OptionalOutput> wanted() {
        java.util.Set<OptionalOutput> wanted = java.util.EnumSet.noneOf(OptionalOutput.class);
        if (stress) wanted.add(OptionalOutput.VIRIAL);
        if (atomEnergies) wanted.add(OptionalOutput.ATOM_ENERGIES);
        return wanted;
    }

    private AtomicSystem system() throws IOException {
        AtomicSystem system = StructureFiles.read(input); // its errors name the file (and the line)
        if (box != null) system = system.withBox(PeriodicBox.fromFlat(box));
        if (charges != null) {
            if (charges.length != system.moleculeCount()) {
                throw new IllegalArgumentException("--charge has " + charges.length + " value(s) but " + input + " holds "
                        + system.moleculeCount() + " molecule(s): give one total charge per molecule, comma-separated (q0,q1,...)");
            }
            system = system.withCharges(charges);
        }
        if (stress && !system.isPeriodic()) throw StressReport.noBox(input);
        return system;
    }

    static ObjectNode json(AtomicSystem system, PotentialOutput out) {
        return json(system, out, null, null);
    }

    /** The model's energy unit, or what the output says when it names none. */
    static String energyUnit(String unit) {
        return unit == null ? UNKNOWN_ENERGY_UNIT : unit;
    }

    /**
     * @param unit   the model's energy unit, or null
     * @param stress the virial and stress, or null when not asked for
     */
    static ObjectNode json(AtomicSystem system, PotentialOutput out, String unit, StressReport stress) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode energy = root.putArray("energy");
        for (double e : out.energy()) energy.add(e);
        ArrayNode forces = root.putArray("forces");
        for (double[] f : out.forces()) forces.addArray().add(f[0]).add(f[1]).add(f[2]);
        if (out.hasUncertainty()) {
            ArrayNode energyStd = root.putArray("energy_std");
            for (double e : out.energyStd()) energyStd.add(e);
            ArrayNode forcesStd = root.putArray("forces_std");
            for (double[] f : out.forcesStd()) forcesStd.addArray().add(f[0]).add(f[1]).add(f[2]);
        }
        // Per-atom outputs (TensorNet2: charges, charge_channels), in a fixed order; one-column ones as flat lists.
        for (String name : new java.util.TreeSet<>(out.perAtom().keySet())) {
            ArrayNode values = root.putArray(name);
            for (double[] row : out.perAtom().get(name)) {
                if (row.length == 1) {
                    values.add(row[0]);
                } else {
                    ArrayNode r = values.addArray();
                    for (double v : row) r.add(v);
                }
            }
        }
        ObjectNode units = root.putObject("units");
        // A checkpoint records no unit unless it has the hyper-parameter energy_unit: say so rather than guess
        // (the shipped default.ckpt is eV, by its README).
        String energyUnit = energyUnit(unit);
        units.put("energy", energyUnit);
        units.put("length", "angstrom");
        units.put("forces", unit == null ? "energy unit / angstrom (energy unit " + UNKNOWN_ENERGY_UNIT + ")" : unit + " / angstrom");
        if (out.perAtom().containsKey(PotentialOutput.CHARGES)) units.put("charges", "elementary charge");
        if (out.perAtom().containsKey(PotentialOutput.ATOM_ENERGIES)) units.put(PotentialOutput.ATOM_ENERGIES, energyUnit);
        if (stress != null) stress.addTo(root, units, unit == null ? "energy unit" : unit);
        root.put("atoms", system.atomCount());
        root.put("molecules", system.moleculeCount());
        return root;
    }
}
