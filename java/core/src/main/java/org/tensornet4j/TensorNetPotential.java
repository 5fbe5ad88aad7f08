package org.tensornet4j;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.model.ModelConfig;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.model.Ops;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.neighbors.PeriodicBox;
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
    private boolean closed;

    private TensorNetPotential(TorchMDNet model, Device device) {
        this.model = model;
        this.config = model.config();
        this.device = device;
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
        requireSupported(device);
        Torch.init();
        return new TensorNetPotential(ModelLoader.load(checkpoint, overrides), device);
    }

    /**
     * Loads a plain {@code torch.save(model.state_dict())} file (no Lightning wrapper) with its
     * TorchMD-Net hyper-parameters given separately (the keys of a checkpoint's {@code hyper_parameters}).
     */
    public static TensorNetPotential loadStateDict(Path stateDict, Map<String, Object> hyperParameters, Device device) {
        requireSupported(device);
        Torch.init();
        return new TensorNetPotential(ModelLoader.loadStateDict(stateDict, hyperParameters), device);
    }

    private static void requireSupported(Device device) {
        if (device == null) throw new IllegalArgumentException("device must not be null");
        if (device.kind() != Device.Kind.CPU) {
            throw new IllegalArgumentException("device " + device + " is not available in this build: only cpu is supported for now");
        }
    }

    @Override
    public Device device() { return device; }

    @Override
    public double cutoff() { return config.cutoffUpper(); }

    /** Embedding size: valid atomic numbers are 0 .. maxAtomicNumber()-1. */
    public int maxAtomicNumber() { return config.maxZ(); }

    /** "float32" or "float64". */
    public String precision() { return config.dtype() == ScalarType.Double ? "float64" : "float32"; }

    public ModelConfig config() { return config; }

    @Override
    public PotentialOutput compute(AtomicSystem system) {
        if (closed) throw new IllegalStateException("this potential has been closed");
        validateAtomicNumbers(system);
        double[][] box = system.box() != null ? system.box() : config.boxVecs();
        if (box != null) PeriodicBox.validate(box, config.cutoffUpper());
        model.validatePriorInputs(system.atomicNumbers(), system.box(), system.partialCharges());
        int n = system.atomCount();
        int m = system.moleculeCount();
        // Every tensor of this step is released when the scope closes; the results are copied out first.
        try (PointerScope scope = new PointerScope()) {
            ScalarType dtype = config.dtype();
            Tensor z = Tensor.create(system.atomicNumbers());
            Tensor pos = Tensor.create(system.flatPositions(), n, 3).to(z.device(), dtype).requires_grad_(true);
            long[] batchIds = system.batch();
            Tensor batch = batchIds == null ? null : Tensor.create(batchIds);
            // Only the input's box: the model applies its own box_vecs, which TorchMD-Net's priors never see.
            Tensor boxTensor = system.box() == null ? null : Ops.matrix3(system.box(), pos);
            Tensor chargeTensor = charge(atomCharges(system), dtype, z);
            Tensor partialCharges = charge(system.partialCharges(), dtype, z);
            Tensor energy = model.energy(z, pos, batch, m, boxTensor, chargeTensor, partialCharges);
            TensorVector grads = torch.grad(new TensorVector(energy.sum()), new TensorVector(pos));
            double[] e = Ops.toDoubles(energy);
            double[] g = Ops.toDoubles(grads.get(0));
            double[][] forces = new double[n][3];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) forces[i][k] = -g[3 * i + k];
            }
            checkFinite(e, forces);
            return new PotentialOutput(e, forces);
        }
    }

    private void validateAtomicNumbers(AtomicSystem system) {
        for (int i = 0; i < system.atomCount(); i++) {
            long zi = system.atomicNumber(i);
            if (zi < 0 || zi >= config.maxZ()) {
                throw new IllegalArgumentException("atomic number " + zi + " of atom " + i + " is outside 0.."
                        + (config.maxZ() - 1) + ", the range this model was trained for (max_z = " + config.maxZ() + ")");
            }
        }
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

    private static Tensor charge(double[] perAtom, ScalarType dtype, Tensor like) {
        return perAtom == null ? null : Tensor.create(perAtom).to(like.device(), dtype);
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
        model.close();
    }
}
