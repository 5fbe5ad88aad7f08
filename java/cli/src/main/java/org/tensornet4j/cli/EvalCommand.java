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
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.cli.io.StructureFiles;
import org.tensornet4j.cli.io.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tn4j eval}: energy and forces of one structure file, as JSON on stdout. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Computes the energy of each molecule and the forces on each atom, printed as JSON on stdout.",
            "Input formats by extension: " + StructureFiles.SUPPORTED + "."
        })
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, arity = "1..*", paramLabel = "CKPT",
            description = {"TorchMD-Net checkpoint (.ckpt); several (repeat --model or list them) or one .zip of"
                + " checkpoints evaluate an ensemble: mean energy and forces plus energy_std and forces_std"})
    List<Path> models;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "structure: .pdb, .xyz or .json")
    Path input;

    @Option(names = "--charge", split = ",", paramLabel = "Q",
            description = "total charge (elementary charges); one per molecule, comma-separated, for a batched input")
    double[] charges;

    @Option(names = "--box", arity = "9", paramLabel = "X",
            description = "periodic box rows a, b, c (Å): ax ay az bx by bz cx cy cz; overrides the file's box")
    double[] box;

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
        try (Potential potential = Ensemble.load(models, target, overrides.overrides(), neighbors.strategy)) {
            out = potential.compute(system);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(JSON.writeValueAsString(json(system, out)));
        stdout.flush();
        return 0;
    }

    private AtomicSystem system() throws IOException {
        Structure structure = StructureFiles.read(input); // its errors name file and line
        AtomicSystem system;
        try {
            system = structure.toAtomicSystem();
        } catch (IllegalArgumentException e) {
            // consistency checks across fields (batch without gaps, one charge per molecule)
            throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
        }
        if (box != null) system = system.withBox(new double[][] {
            {box[0], box[1], box[2]}, {box[3], box[4], box[5]}, {box[6], box[7], box[8]},
        });
        if (charges != null) {
            if (charges.length != system.moleculeCount()) {
                throw new IllegalArgumentException("--charge has " + charges.length + " value(s) but " + input + " holds "
                        + system.moleculeCount() + " molecule(s): give one total charge per molecule, comma-separated (q0,q1,...)");
            }
            system = system.withCharges(charges);
        }
        return system;
    }

    static ObjectNode json(AtomicSystem system, PotentialOutput out) {
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
        units.put("energy", "model energy unit (TorchMD-Net checkpoints carry none)");
        units.put("length", "angstrom");
        units.put("forces", "model energy unit / angstrom");
        if (out.perAtom().containsKey(PotentialOutput.CHARGES)) units.put("charges", "elementary charge");
        root.put("atoms", system.atomCount());
        root.put("molecules", system.moleculeCount());
        return root;
    }
}
