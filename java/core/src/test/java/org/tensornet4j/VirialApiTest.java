package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensornet4j.torch.Ops;

/**
 * The virial and per-atom energies through the API ({@link Potential#compute(AtomicSystem, Set)},
 * {@link Potential#computeInto(EngineCall)}, {@link Ensemble}), the receptive field and the energy
 * unit. The finite-difference checks of every gradient path are in {@code model.VirialTest}; here the
 * diagonal strains, which keep a box in reduced form, run through the public API.
 */
class VirialApiTest {
    private static final Set<OptionalOutput> BOTH = EnumSet.allOf(OptionalOutput.class);
    private static TensorNetPotential model;

    @BeforeAll
    static void load() {
        model = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"), Device.CPU, Map.of("max_num_neighbors", 128));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void diagonalVirialIsMinusTheStrainDerivativeThroughTheApi() {
        AtomicSystem s = WaterBox.of(WaterBox.TRICLINIC, 4);
        PotentialOutput out = model.compute(s, Set.of(OptionalOutput.VIRIAL));
        PotentialOutput plain = model.compute(s);
        assertEquals(plain.energy()[0], out.energy()[0], 0, "asking for the virial changes nothing else");
        assertArrayEquals(plain.forces()[7], out.forces()[7], 1e-12);
        assertNull(out.atomEnergies());
        double h = 1e-5;
        for (int a = 0; a < 3; a++) {
            double fd = -(energy(s, a, h) - energy(s, a, -h)) / (2 * h);
            assertEquals(fd, out.virial()[a][a], 1e-6 * Math.max(1, Math.abs(fd)), "W_" + a + a);
        }
        double[][] stress = out.stress(s.box());
        double volume = 12.4 * 12.2 * 12.3;
        assertEquals(-out.virial()[0][1] / volume, stress[0][1], 1e-15);
    }

    /** The energy with the positions and box stretched by 1 + e along axis {@code a}. */
    private static double energy(AtomicSystem s, int a, double e) {
        double[][] pos = s.positions();
        double[][] box = s.box();
        for (double[] p : pos) p[a] *= 1 + e;
        for (double[] row : box) row[a] *= 1 + e;
        return model.compute(s.withPositions(pos).withBox(box)).energy()[0];
    }

    /** The engine entry point fills the virial and atom energies as compute does, also when the atoms change between calls. */
    @Test
    void engineCallMatchesComputeAsAtomsChange() {
        AtomicSystem water = WaterBox.of(WaterBox.ORTHORHOMBIC, 4);
        AtomicSystem molecule = Fixtures.reference(Fixtures.referenceFile("tn-f64__caffeine")).system();
        for (AtomicSystem s : List.of(water, molecule, water)) {
            PotentialOutput expected = model.compute(s, BOTH);
            int n = s.atomCount();
            try (PointerScope scope = new PointerScope()) {
                Tensor forces = Tensor.create(new double[3 * n], n, 3);
                Tensor virial = Tensor.create(new double[9], 3, 3);
                Tensor atomEnergies = Tensor.create(new double[n]);
                Tensor box = s.box() == null ? null : Tensor.create(flat(s.box()), 3, 3);
                double energy = model.computeInto(new EngineCall(s.atomicNumbers(), Tensor.create(s.flatPositions(), n, 3), box,
                        null, forces, virial, atomEnergies));
                assertEquals(expected.energy()[0], energy, 1e-10 * Math.abs(energy));
                assertArrayEquals(flat(expected.virial()), Ops.toDoubles(virial), 1e-9);
                assertArrayEquals(expected.atomEnergies(), Ops.toDoubles(atomEnergies), 1e-10);
                assertEquals(-expected.forces()[n - 1][2], -Ops.toDoubles(forces)[3 * n - 1], 1e-10);
            }
        }
    }

    @Test
    void ensembleAveragesTheVirialAndAtomEnergies() {
        AtomicSystem s = WaterBox.of(WaterBox.ORTHORHOMBIC, 4);
        TensorNetPotential other = TensorNetPotential.load(Fixtures.checkpoint("tn-priors"), Device.CPU,
                Map.of("max_num_neighbors", 128, "precision", 64));
        TensorNetPotential first = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"), Device.CPU, Map.of("max_num_neighbors", 128));
        PotentialOutput a = first.compute(s, BOTH);
        PotentialOutput b = other.compute(s, BOTH);
        try (Ensemble ensemble = Ensemble.of(List.of(first, other), List.of("tn-f64", "tn-priors"))) {
            PotentialOutput mean = ensemble.compute(s, BOTH);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) assertEquals((a.virial()[i][j] + b.virial()[i][j]) / 2, mean.virial()[i][j], 1e-12);
            }
            double sum = 0;
            for (int i = 0; i < s.atomCount(); i++) {
                assertEquals((a.atomEnergies()[i] + b.atomEnergies()[i]) / 2, mean.atomEnergies()[i], 1e-12);
                sum += mean.atomEnergies()[i];
            }
            assertEquals(mean.energy()[0], sum, 1e-9 * Math.abs(sum));
            assertEquals(15.0, ensemble.receptiveField(), 0);
        }
    }

    @Test
    void receptiveFieldIsLayersPlusOneCutoffsOrTheLongestReach() {
        assertEquals(15.0, model.receptiveField(), 0, "(2 layers + 1) x 5 Å");
        try (TensorNetPotential tn2 = TensorNetPotential.load(Fixtures.checkpoint("tn2-bench"))) {
            assertEquals(Double.POSITIVE_INFINITY, tn2.receptiveField(), "Coulomb over all pairs");
        }
        try (TensorNetPotential tn2 = TensorNetPotential.load(Fixtures.checkpoint("tn2-bench"), Device.CPU, Map.of("coulomb_cutoff", 20.0))) {
            assertEquals(20.0, tn2.receptiveField(), 0, "the Coulomb cutoff reaches farther than 3 x 5 Å");
        }
    }

    @Test
    void energyUnitComesFromTheOptionalHyperParameter() {
        assertNull(model.energyUnit(), "TorchMD-Net checkpoints name no unit");
        try (TensorNetPotential withUnit = TensorNetPotential.load(Fixtures.checkpoint("tn-small"), Device.CPU, Map.of("energy_unit", "eV"))) {
            assertEquals("eV", withUnit.energyUnit());
        }
        var e = assertThrows(org.tensornet4j.checkpoint.CheckpointException.class,
                () -> TensorNetPotential.load(Fixtures.checkpoint("tn-small"), Device.CPU, Map.of("energy_unit", " ")));
        assertTrue(e.getMessage().contains("energy_unit"), e.getMessage());
        TensorNetPotential ev = TensorNetPotential.load(Fixtures.checkpoint("tn-small"), Device.CPU, Map.of("energy_unit", "eV"));
        TensorNetPotential kj = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"), Device.CPU, Map.of("energy_unit", "kJ/mol"));
        var mixed = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(List.of(ev, kj), List.of("a", "b")));
        assertTrue(mixed.getMessage().contains("different energy units (eV, kJ/mol)"), mixed.getMessage());
        ev.close();
        kj.close();
    }

    private static double[] flat(double[][] m) {
        double[] out = new double[9];
        for (int r = 0; r < 3; r++) System.arraycopy(m[r], 0, out, 3 * r, 3);
        return out;
    }
}
