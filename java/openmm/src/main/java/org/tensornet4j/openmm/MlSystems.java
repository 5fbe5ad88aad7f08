package org.tensornet4j.openmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.openmm.mapping.CMMotionRemover;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.TensorNetForce;
import org.tensornet4j.openmm.mapping.global.TensorNetPlugin;

/** Systems with the ML potential: the whole structure on it, or an ML region in a classical System. */
public final class MlSystems {
    /** TensorNet2's Coulomb head, the only output model that reads coulomb_cutoff. */
    private static boolean readsCoulombCutoff(Path checkpoint) {
        if (!Files.isRegularFile(checkpoint)) return false; // potential.force names the missing file
        Object model = Checkpoint.read(checkpoint).hyperParameters().get("output_model");
        return "ScalarPlusWeightedCoulomb".equals(model);
    }

    private MlSystems() {
    }

    /**
     * Every atom of the structure on the ML potential (periodic when the structure has a box), element
     * masses, and a CMMotionRemover as OpenMM's app adds by default. The caller owns the System.
     */
    public static OpenMMSystem whole(Structure structure, MlPotential potential) throws IOException {
        OpenMMSystem system = new OpenMMSystem();
        for (int z : structure.atomicNumbers()) system.addParticle(AtomicMasses.of(z));
        if (structure.periodic()) OpenMM.setDefaultBox(system, structure.box());
        OpenMM.addForce(system, potential.force(structure.atomicNumbers(), structure.periodic()));
        OpenMM.addForce(system, new CMMotionRemover(1));
        return system;
    }

    /** A serialized OpenMM System (XML from any tool) for this structure; the caller owns it. */
    public static OpenMMSystem read(Path xml, Structure structure) throws IOException {
        String text = Files.readString(xml);
        OpenMMSystem system;
        try {
            system = org.tensornet4j.openmm.mapping.global.OpenMM.deserializeSystem(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(xml + " is not a serialized OpenMM System: " + e.getMessage(), e);
        }
        if (system.getNumParticles() != structure.size()) {
            int n = system.getNumParticles();
            system.close();
            throw new IllegalArgumentException(xml + " has " + n + " particles but the structure has "
                    + structure.size() + " atoms: the System must be made from the same structure");
        }
        return system;
    }

    /** openmm-ml's Coulomb cutoff for periodic systems, Å (1.2 nm). */
    public static final double OPENMM_ML_COULOMB_CUTOFF = 12.0;

    /**
     * openmm-ml's createMixedSystem (mechanical embedding) through the plugin's C++ implementation: the ML
     * atoms' bonded terms and ML–ML nonbonded pairs removed from a copy of the classical System, the
     * TensorNetForce on the ML atoms. The caller owns the result; classical is unchanged. As
     * openmmtensornet4j.createMixedSystem does (openmm-ml's TorchMD-Net options), a model with TensorNet2's
     * Coulomb head gets coulomb_cutoff 12 Å in a periodic System and none (null) otherwise, unless the
     * potential overrides it; remove_ref_energy stays the checkpoint's (true).
     */
    public static OpenMMSystem mixed(OpenMMSystem classical, Structure structure, int[] mlAtoms, MlPotential potential)
            throws IOException {
        int n = classical.getNumParticles();
        int[] z = new int[mlAtoms.length];
        for (int i = 0; i < mlAtoms.length; i++) {
            if (mlAtoms[i] < 0 || mlAtoms[i] >= n) {
                throw new IllegalArgumentException("ML atom " + mlAtoms[i] + " is out of range: the system has atoms 0.."
                        + (n - 1));
            }
            z[i] = structure.atomicNumbers()[mlAtoms[i]];
        }
        boolean periodic = classical.usesPeriodicBoundaryConditions();
        if (!potential.overrides().containsKey("coulomb_cutoff") && readsCoulombCutoff(potential.checkpoint())) {
            potential = potential.with("coulomb_cutoff", periodic ? OPENMM_ML_COULOMB_CUTOFF : null);
        }
        try (TensorNetForce force = potential.force(z, periodic)) {
            return TensorNetPlugin.createMixedSystem(classical, OpenMM.intVector(mlAtoms), force);
        }
    }
}
