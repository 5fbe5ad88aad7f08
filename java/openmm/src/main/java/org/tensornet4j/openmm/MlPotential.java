package org.tensornet4j.openmm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensornet4j.openmm.mapping.TensorNetForce;

/**
 * The ML potential as settings (checkpoint, energy unit, hyper-parameter overrides, total charge) that
 * make a {@link TensorNetForce} for a set of atoms. Immutable; each {@code with...} returns a copy.
 */
public record MlPotential(Path checkpoint, String energyUnit, Map<String, Object> overrides, double charge) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public MlPotential {
        // a null value is an override too (JSON null, e.g. coulomb_cutoff=None)
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** A TorchMD-Net checkpoint whose energies are in energyUnit ("eV", "kcal/mol", "kJ/mol", "hartree"). */
    public static MlPotential of(Path checkpoint, String energyUnit) {
        return new MlPotential(checkpoint, energyUnit, Map.of(), 0);
    }

    /** A hyper-parameter override, as TorchMD-Net's load_model(ckpt, name=value). */
    public MlPotential with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(overrides);
        copy.put(name, value);
        return new MlPotential(checkpoint, energyUnit, copy, charge);
    }

    public MlPotential withOverrides(Map<String, Object> more) {
        Map<String, Object> copy = new LinkedHashMap<>(overrides);
        copy.putAll(more);
        return new MlPotential(checkpoint, energyUnit, copy, charge);
    }

    /** Total charge of the atoms the potential applies to (elementary charges). */
    public MlPotential withCharge(double totalCharge) {
        return new MlPotential(checkpoint, energyUnit, overrides, totalCharge);
    }

    /**
     * A new TensorNetForce for these atomic numbers, periodic or not; the caller owns it until it is
     * added to a System ({@link OpenMM#addForce}).
     */
    public TensorNetForce force(int[] atomicNumbers, boolean periodic) throws NoSuchFileException {
        if (!Files.isRegularFile(checkpoint)) throw new NoSuchFileException(checkpoint.toString());
        TensorNetForce force = new TensorNetForce(checkpoint.toAbsolutePath().toString(), OpenMM.intVector(atomicNumbers));
        force.setEnergyUnit(energyUnit);
        force.setCharge(charge);
        force.setUsesPeriodicBoundaryConditions(periodic);
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            try {
                force.setHyperParameter(e.getKey(), JSON.writeValueAsString(e.getValue()));
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("hyper-parameter " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return force;
    }
}
