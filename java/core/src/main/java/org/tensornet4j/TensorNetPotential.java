package org.tensornet4j;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.model.EnergyAndGradient;
import org.tensornet4j.model.ExtraOutputs;
import org.tensornet4j.model.LoadOptions;
import org.tensornet4j.model.ModelConfig;
import org.tensornet4j.model.ModelInputs;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * A TorchMD-Net TensorNet checkpoint as a {@link Potential}.
 *
 * <pre>{@code
 * try (var model = TensorNetPotential.load(Path.of("model.ckpt"))) {
 *     PotentialOutput out = model.compute(AtomicSystem.of(z, positions));
 * }
 * }</pre>
 */
public final class TensorNetPotential implements Potential {
    private final TorchMDNet model;
    private final ModelConfig config;
    private final Device device;
    private final InputChecks checks;
    private final EnginePath enginePath;
    /** The model's LibTorch device, or null for the CPU (where inputs are made: nothing to move). */
    private final org.bytedeco.pytorch.Device torchDevice;
    private boolean closed;
    private static final System.Logger LOG = System.getLogger(TensorNetPotential.class.getName());
    /** Inputs this model ignores are reported once per potential, not at every step. */
    private boolean warnedTotalCharge, warnedPartialCharges;

    private TensorNetPotential(TorchMDNet model, Device device) {
        this.model = model;
        this.config = model.config();
        this.device = device;
        this.checks = new InputChecks(config);
        this.torchDevice = device.kind() == Device.Kind.CPU ? null : new org.bytedeco.pytorch.Device(device.toString());
        this.enginePath = new EnginePath(model, checks, torchDevice);
    }

    /** Loads a TorchMD-Net checkpoint ({@code .ckpt}) to run on the CPU. */
    public static TensorNetPotential load(Path checkpoint) {
        return load(checkpoint, Device.CPU);
    }

    public static TensorNetPotential load(Path checkpoint, Device device) {
        return load(checkpoint, device, Map.of());
    }

    /**
     * Loads with some hyper-parameters replaced, as TorchMD-Net's {@code load_model(path, **kwargs)}
     * does (e.g. {@code Map.of("max_num_neighbors", 128)}); unknown keys are an error.
     */
    public static TensorNetPotential load(Path checkpoint, Device device, Map<String, Object> overrides) {
        return load(checkpoint, device, overrides, NeighborStrategy.AUTO);
    }

    /**
     * As {@link #load(Path, Device, Map)}, choosing how neighbour pairs are found: brute force, cell
     * list, or AUTO (by system size). Not a hyper-parameter: every choice gives the same results.
     * TorchMD-Net's {@code static_shapes} (pairs padded to max_num_neighbors x N), in contrast, is
     * one, and is overridden like the others: {@code Map.of("static_shapes", true)}.
     */
    public static TensorNetPotential load(Path checkpoint, Device device, Map<String, Object> overrides,
                                          NeighborStrategy neighbors) {
        return load(checkpoint, device, new LoadOptions(overrides, neighbors));
    }

    /** The general form of the loaders above: hyper-parameter overrides and neighbour search in one {@link LoadOptions}. */
    public static TensorNetPotential load(Path checkpoint, Device device, LoadOptions options) {
        requireSupported(device);
        Torch.init();
        return new TensorNetPotential(ModelLoader.load(checkpoint, options.withDevice(device.toString())), device);
    }

    /**
     * Loads a plain {@code torch.save(model.state_dict())} file (no Lightning wrapper) with its
     * TorchMD-Net hyper-parameters given separately (the keys of a checkpoint's {@code hyper_parameters}).
     */
    public static TensorNetPotential loadStateDict(Path stateDict, Map<String, Object> hyperParameters, Device device) {
        requireSupported(device);
        Torch.init();
        return new TensorNetPotential(ModelLoader.loadStateDict(stateDict, hyperParameters, LoadOptions.DEFAULT.withDevice(device.toString())), device);
    }

    /**
     * A model from hyper-parameters and a state dict held in memory (TorchMD-Net key names, with or
     * without Lightning's {@code model.} prefix): weights converted or built by a program.
     */
    public static TensorNetPotential fromStateDict(Map<String, Object> hyperParameters,
                                                   Map<String, org.bytedeco.pytorch.Tensor> stateDict, Device device) {
        requireSupported(device);
        Torch.init();
        return new TensorNetPotential(ModelLoader.build(Path.of("<state dict in memory>"), hyperParameters, stateDict,
                LoadOptions.DEFAULT.withDevice(device.toString())), device);
    }

    /**
     * A CUDA device is checked for what it needs (GPU natives, a GPU, the index: {@link CudaDevices}) so the
     * error names what is missing. On one, the parameters are moved there once (ParameterStore), every step's
     * inputs once per call, and the model computes there (its CPU kernels only take CPU tensors: KernelArgs).
     */
    private static void requireSupported(Device device) {
        CudaDevices.require(device);
    }

    /** {@code t} (made on the CPU from Java arrays) on the model's device: itself on the CPU. */
    private Tensor onDevice(Tensor t) {
        return t == null || torchDevice == null ? t : t.to(torchDevice, t.scalar_type());
    }

    @Override
    public Device device() { return device; }

    /**
     * The network's cutoff; with TensorNet2's Coulomb head the larger Coulomb cutoff, or infinity
     * when that head sums over all pairs.
     */
    @Override
    public double cutoff() {
        if (!config.hasCoulombHead()) return config.cutoffUpper();
        Double coulomb = config.tensorNet2().coulombCutoff();
        return coulomb == null ? Double.POSITIVE_INFINITY : Math.max(coulomb, config.cutoffUpper());
    }

    /** Embedding size: valid atomic numbers are 0 .. maxAtomicNumber()-1. */
    public int maxAtomicNumber() { return config.maxZ(); }

    /** "float32" or "float64". */
    public String precision() { return config.dtype() == ScalarType.Double ? "float64" : "float32"; }

    public ModelConfig config() { return config; }

    public NeighborStrategy neighborStrategy() { return model.neighborStrategy(); }

    @Override
    public PotentialOutput compute(AtomicSystem system) {
        return compute(system, Set.of());
    }

    /**
     * Also the virial of the whole input ({@link OptionalOutput#VIRIAL}: W = -Σ r_ij ⊗ ∂E/∂r_ij over
     * all pairs, periodic images included, the strain derivative of the energy) and each atom's energy
     * ({@link OptionalOutput#ATOM_ENERGIES}), each only when asked for.
     */
    @Override
    public PotentialOutput compute(AtomicSystem system, Set<OptionalOutput> wanted) {
        requireOpen();
        checks.atomicNumbers(system.atomicNumbers());
        checks.box(system.box());
        model.validatePriorInputs(system.atomicNumbers(), system.box(), system.partialCharges());
        checkCharges(system.charges() != null, system.partialCharges() != null);
        CoordinateRange.requireResolvable(CoordinateRange.maxAbs(system.flatPositions()), config.dtype());
        int n = system.atomCount();
        // Every tensor of this step is released when the scope closes; the results are copied out first.
        try (PointerScope scope = new PointerScope()) {
            Tensor pos = onDevice(Tensor.create(system.flatPositions(), n, 3));
            Tensor box = checks.boxTensor(system.box(), pos);
            long[] batchIds = system.batch();
            Tensor batch = batchIds == null ? null : onDevice(Tensor.create(batchIds));
            EnergyAndGradient step = step(onDevice(Tensor.create(system.atomicNumbers())), pos, batch, system.moleculeCount(), box,
                    atomCharges(system), system.partialCharges(), extras(wanted));
            double[] e = Ops.toDoubles(step.energy());
            double[] g = Ops.toDoubles(step.gradient());
            double[][] forces = new double[n][3];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) forces[i][k] = -g[3 * i + k];
            }
            checkFinite(e, forces);
            Map<String, double[][]> perAtom = new HashMap<>(perAtomOutputs(step.charges()));
            if (step.atomEnergies() != null) perAtom.put(PotentialOutput.ATOM_ENERGIES, rows(step.atomEnergies().unsqueeze(1)));
            double[][] virial = step.virial() == null ? null : rows(step.virial());
            return new PotentialOutput(e, forces, null, null, perAtom, virial);
        }
    }

    /** The model's request for the optional outputs asked for. */
    static ExtraOutputs extras(Set<OptionalOutput> wanted) {
        return new ExtraOutputs(wanted.contains(OptionalOutput.VIRIAL), wanted.contains(OptionalOutput.ATOM_ENERGIES));
    }

    /** TensorNet2's charges as per-atom outputs ({@link PotentialOutput#CHARGES}, {@link PotentialOutput#CHARGE_CHANNELS}). */
    private Map<String, double[][]> perAtomOutputs(Tensor channels) {
        if (channels == null) return Map.of();
        return Map.of(PotentialOutput.CHARGES, rows(model.atomicCharges(channels).unsqueeze(1)),
                PotentialOutput.CHARGE_CHANNELS, rows(channels));
    }

    private static double[][] rows(Tensor t) {
        int n = (int) t.size(0), c = (int) t.size(1);
        double[] flat = Ops.toDoubles(t);
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * c, out[i], 0, c);
        return out;
    }

    /** Whether the model needs each molecule's total charge (TensorNet2): then it must be given, 0 for neutral. */
    public boolean needsTotalCharge() { return model.needsTotalCharge(); }

    /** Whether the model reads per-atom partial charges (TorchMD-Net's Coulomb prior): then they must be given. */
    public boolean needsPartialCharges() { return model.readsPartialCharges(); }

    /**
     * A model that needs the total charge refuses an input without one (a silent neutral default
     * would give wrong energies for ions); a charge the model ignores is reported once.
     */
    private void checkCharges(boolean totalCharge, boolean partialCharges) {
        if (!totalCharge && model.needsTotalCharge()) {
            throw new IllegalArgumentException("this model (" + config.model() + ") needs the total charge of each molecule:"
                    + " give it with AtomicSystem.withCharges(...) (0 for a neutral molecule), \"charge\" in an engine"
                    + " configuration, or --charge on the command line");
        }
        if (totalCharge && !model.readsTotalCharge() && !warnedTotalCharge) {
            warnedTotalCharge = true;
            LOG.log(System.Logger.Level.WARNING, "the total charge given is ignored: this " + config.model()
                    + " model has no interaction layers, where the charge would act");
        }
        if (partialCharges && !model.readsPartialCharges() && !warnedPartialCharges) {
            warnedPartialCharges = true;
            LOG.log(System.Logger.Level.WARNING, "the partial charges given are ignored: only TorchMD-Net's Coulomb prior"
                    + " reads them, and this model has none");
        }
    }

    /**
     * The engine path: tensors in and out, no Java arrays per atom ({@link EnginePath}).
     */
    @Override
    public double computeInto(long[] z, Tensor positions, Tensor box, Double charge, Tensor forces) {
        return computeInto(new EngineCall(z, positions, box, charge, forces, null, null));
    }

    /** The engine path with the virial and per-atom energies when the call asks for them ({@link EnginePath}). */
    @Override
    public double computeInto(EngineCall call) {
        requireOpen();
        checkCharges(call.charge() != null, false);
        return enginePath.computeInto(call);
    }

    /** (num_layers + 1) x cutoff, or the Coulomb head's or a prior's range when larger (infinite for all pairs). */
    @Override
    public double receptiveField() {
        return model.receptiveField();
    }

    /** The checkpoint's hyper-parameter {@code energy_unit}, or null when it has none. */
    @Override
    public String energyUnit() {
        return config.energyUnit();
    }

    /**
     * @param box the input's box or null: the model then uses its own box_vecs for the network, while
     *            TorchMD-Net's priors only ever see the input's box
     */
    private EnergyAndGradient step(Tensor z, Tensor positions, Tensor batch, long molecules, Tensor box, double[] perAtomCharge,
                                   double[] partialCharges, ExtraOutputs extras) {
        ScalarType dtype = config.dtype();
        Tensor pos = checks.modelPositions(positions, z);
        Tensor charge = perAtomCharge == null ? null : Tensor.create(perAtomCharge).to(z.device(), dtype);
        Tensor partial = partialCharges == null ? null : Tensor.create(partialCharges).to(z.device(), dtype);
        return model.energyAndGradient(new ModelInputs(z, pos, batch, molecules, box, charge, partial), extras);
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("this potential has been closed");
    }

    /** Total charge of each atom's molecule, or null when every molecule is neutral (no factor needed). */
    private static double[] atomCharges(AtomicSystem system) {
        double[] q = system.charges();
        if (q == null) return null;
        boolean neutral = true;
        for (double v : q) neutral &= v == 0;
        if (neutral) return null;
        double[] perAtom = new double[system.atomCount()];
        for (int i = 0; i < perAtom.length; i++) perAtom[i] = q[(int) system.molecule(i)];
        return perAtom;
    }

    private static void checkFinite(double[] energy, double[][] forces) {
        for (double v : energy) {
            if (!Double.isFinite(v)) throw new IllegalStateException("the model produced a non-finite energy " + v);
        }
        for (int i = 0; i < forces.length; i++) {
            for (double v : forces[i]) {
                if (!Double.isFinite(v)) throw new IllegalStateException("the model produced a non-finite force on atom " + i);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        enginePath.close();
        model.close();
    }
}
