package org.tensornet4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.Ensemble;
import org.tensornet4j.Potential;
import org.tensornet4j.cli.io.StructureFiles;
import org.tensornet4j.ipi.AtomicUnits;
import org.tensornet4j.ipi.IpiAddress;
import org.tensornet4j.ipi.IpiClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tn4j ipi}: the model as a force client of an i-PI server (i-PI, ASE's SocketIOCalculator). */
@Command(name = "ipi",
        mixinStandardHelpOptions = true,
        description = {
            "Serves energies, forces and the virial to an i-PI server over a socket.",
            "Connects to i-PI or ASE's SocketIOCalculator, which send the cell and positions each step"
                + " (atomic units); the atoms come from --input. An all-zero cell means no box; any other"
                + " cell is periodic. Ends when the server sends EXIT or closes the connection."
        },
        footer = {"", "Example:", "  ./tn4j ipi --model examples/models/default.ckpt --energy-unit eV \\",
            "      --input examples/molecules/alanine_dipeptide.pdb --address unix:tn4j"})
final class IpiCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "TorchMD-Net checkpoint (.ckpt)")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "the atoms the server simulates, in its order: " + StructureFiles.SUPPORTED
                + " (positions and box come from the server)")
    Path input;

    @Option(names = "--address", required = true, paramLabel = "ADDRESS",
            description = "the server: HOST:PORT (e.g. localhost:31415) or unix:NAME (the socket /tmp/ipi_NAME)")
    String address;

    @Option(names = "--energy-unit", paramLabel = "UNIT",
            description = "the model's energy unit: " + AtomicUnits.KNOWN + " (default: the checkpoint's"
                + " energy_unit: eV for the shipped default.ckpt; TorchMD-Net's own checkpoints have none)")
    String energyUnit;

    @Option(names = "--charge", paramLabel = "Q", description = "total charge (e) of the system")
    Double charge;

    @Option(names = "--ignore-cell", description = "evaluate without a box whatever cell the server sends"
            + " (a molecule in a cell that is not periodic)")
    boolean ignoreCell;

    @Option(names = "--connect-timeout", defaultValue = "30", paramLabel = "S",
            description = "seconds to wait for the server to listen (default: ${DEFAULT-VALUE})")
    double connectTimeout;

    @CommandLine.Mixin
    ModelOverridesOption overrides;

    @CommandLine.Mixin
    NeighborOption neighbors;

    @CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws IOException {
        // Everything the user typed is checked before the model loads: a typo should not wait for LibTorch.
        IpiAddress server = IpiAddress.parse(address);
        Double hartreePerUnit = energyUnit == null ? null : AtomicUnits.hartreePer(energyUnit);
        AtomicSystem atoms = StructureFiles.read(input);
        if (charge != null) atoms = atoms.withCharges(charge);
        Device target = device.device();
        PrintWriter err = spec.commandLine().getErr();
        try (Potential potential = Ensemble.load(List.of(model), target, overrides.overrides(), neighbors.strategy)) {
            if (hartreePerUnit == null) hartreePerUnit = modelHartreePerUnit(potential);
            IpiClient client = new IpiClient(potential, atoms, input.toString(), hartreePerUnit, ignoreCell);
            IpiClient.Ending ending;
            try (SocketChannel channel = server.connect(connectTimeout)) {
                err.println("tn4j ipi: connected to " + address + ", serving " + atoms.atomCount() + " atoms");
                err.flush();
                ending = client.serve(channel);
            }
            err.println("tn4j ipi: " + ending.message());
            err.flush();
        }
        return 0;
    }

    /** Hartree per energy unit of the model, from the unit it reports; refused with --energy-unit named when it has none. */
    private static double modelHartreePerUnit(Potential potential) {
        String unit = potential.energyUnit();
        if (unit == null) {
            throw new IllegalArgumentException("the model's energy unit is unknown (the checkpoint has no energy_unit, as TorchMD-Net's own"
                    + " checkpoints): give it with"
                    + " --energy-unit (" + AtomicUnits.KNOWN + ") or --set energy_unit=UNIT");
        }
        try {
            return AtomicUnits.hartreePer(unit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the model's energy unit '" + unit + "' has no conversion to Hartree here: give the"
                    + " unit with --energy-unit (" + AtomicUnits.KNOWN + ")", e);
        }
    }
}
