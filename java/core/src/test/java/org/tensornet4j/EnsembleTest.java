package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.torch.Torch;

/** Ensembles: mean and standard deviation against a hand computation from the members, zips, errors. */
class EnsembleTest {
    private static AtomicSystem batch;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Torch.init();
        AtomicSystem caffeine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__caffeine.json")).system();
        AtomicSystem alanine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__alanine_dipeptide.json")).system();
        batch = TensorNet2Test.batch(caffeine, alanine).withCharges(1.0, 0.0);
    }

    @Test
    void meanAndStandardDeviationOfTheMembers() {
        List<PotentialOutput> single = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            try (TensorNetPotential m = RandomTensorNet2.potential(seed)) {
                single.add(m.compute(batch));
            }
        }
        PotentialOutput out;
        try (Ensemble e = Ensemble.of(List.of(RandomTensorNet2.potential(1), RandomTensorNet2.potential(2),
                RandomTensorNet2.potential(3)), List.of("one", "two", "three"))) {
            assertEquals(3, e.size());
            out = e.compute(batch);
        }
        assertTrue(out.hasUncertainty());
        for (int m = 0; m < 2; m++) {
            double a = single.get(0).energy()[m], b = single.get(1).energy()[m], c = single.get(2).energy()[m];
            double mean = (a + b + c) / 3;
            double std = Math.sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 2);
            assertEquals(mean, out.energy()[m], 1e-12);
            assertEquals(std, out.energyStd()[m], 1e-12);
            assertTrue(std > 0);
        }
        for (int i = 0; i < batch.atomCount(); i++) {
            for (int k = 0; k < 3; k++) {
                double a = single.get(0).forces()[i][k], b = single.get(1).forces()[i][k], c = single.get(2).forces()[i][k];
                double mean = (a + b + c) / 3;
                double std = Math.sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 2);
                assertEquals(mean, out.forces()[i][k], 1e-12);
                assertEquals(std, out.forcesStd()[i][k], 1e-12);
            }
            double q = (single.get(0).charges()[i] + single.get(1).charges()[i] + single.get(2).charges()[i]) / 3;
            assertEquals(q, out.charges()[i], 1e-12);
        }
    }

    @Test
    void aZipOfCheckpointsIsTheEnsembleOfItsFiles() throws IOException {
        Path zip = tmp.resolve("models.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("tn-small", "tn-f64")) {
                z.putNextEntry(new ZipEntry("members/" + name + ".ckpt"));
                Files.copy(Fixtures.checkpoint(name), z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("two members".getBytes());
            z.closeEntry();
        }
        AtomicSystem s = batch.withCharges(0.0, -1.0);
        PotentialOutput fromZip, fromList;
        try (Potential e = Ensemble.load(List.of(zip), Device.CPU, NeighborStrategy.AUTO)) {
            assertTrue(e instanceof Ensemble);
            assertEquals(List.of(zip + "!members/tn-f64.ckpt", zip + "!members/tn-small.ckpt"), ((Ensemble) e).memberNames());
            fromZip = e.compute(s);
        }
        try (Potential e = Ensemble.load(List.of(Fixtures.checkpoint("tn-f64"), Fixtures.checkpoint("tn-small")), Device.CPU,
                NeighborStrategy.AUTO)) {
            fromList = e.compute(s);
        }
        assertArrayEquals(fromList.energy(), fromZip.energy(), 0);
        assertArrayEquals(fromList.energyStd(), fromZip.energyStd(), 0);
        // tn-f64 holds tn-small's weights in float64: the members differ by float32 rounding only
        for (double std : fromZip.energyStd()) assertTrue(std < 1e-3 && std > 0, "std " + std);
        assertFalse(fromZip.perAtom().containsKey(PotentialOutput.CHARGES));
        List<Path> singleFiles = Files.list(tmp).toList();
        assertEquals(List.of(zip), singleFiles, "member files extracted for loading are removed again");
    }

    @Test
    void oneCheckpointIsNotAnEnsemble() {
        try (Potential p = Ensemble.load(List.of(Fixtures.checkpoint("tn-f64")), Device.CPU, NeighborStrategy.AUTO)) {
            assertTrue(p instanceof TensorNetPotential);
            assertFalse(p.compute(batch).hasUncertainty());
        }
    }

    @Test
    void membersMustTreatAtomsAlike() {
        TensorNetPotential tensorNet = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"));
        TensorNetPotential tensorNet2 = RandomTensorNet2.potential(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ensemble.of(List.of(tensorNet, tensorNet2), List.of("a.ckpt", "b.ckpt")));
        assertTrue(e.getMessage().contains("a.ckpt and b.ckpt disagree on the total charge"), e.getMessage());

        Map<String, Tensor> sd = new LinkedHashMap<>(RandomTensorNet2.stateDict(2, true));
        sd.put("model.representation_model.tensor_embedding.emb.weight",
                sd.get("model.representation_model.tensor_embedding.emb.weight").narrow(0, 0, 12));
        TensorNetPotential fewerElements = TensorNetPotential.fromStateDict(RandomTensorNet2.hyperParameters("max_z", 12L), sd,
                Device.CPU);
        e = assertThrows(IllegalArgumentException.class,
                () -> Ensemble.of(List.of(tensorNet2, fewerElements), List.of("a.ckpt", "b.ckpt")));
        assertTrue(e.getMessage().contains("accept different atomic numbers (max_z 20 and 12)"), e.getMessage());
        for (TensorNetPotential p : List.of(tensorNet, tensorNet2, fewerElements)) p.close();
    }

    @Test
    void badEnsembleInputsAreNamed() throws IOException {
        Path empty = tmp.resolve("empty.zip");
        try (OutputStream os = Files.newOutputStream(empty); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.closeEntry();
        }
        String m = assertThrows(IllegalArgumentException.class, () -> EnsembleFiles.loadZip(empty, Device.CPU, NeighborStrategy.AUTO))
                .getMessage();
        assertTrue(m.contains("holds no .ckpt files") && m.contains("notes.txt"), m);

        Path one = tmp.resolve("one.zip");
        try (OutputStream os = Files.newOutputStream(one); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("tn-f64.ckpt"));
            Files.copy(Fixtures.checkpoint("tn-f64"), z);
            z.closeEntry();
        }
        m = assertThrows(IllegalArgumentException.class, () -> EnsembleFiles.loadZip(one, Device.CPU, NeighborStrategy.AUTO)).getMessage();
        assertTrue(m.contains("an ensemble needs at least two"), m);

        m = assertThrows(IllegalArgumentException.class, () -> Ensemble.load(List.of(one, Fixtures.checkpoint("tn-f64")), Device.CPU,
                NeighborStrategy.AUTO)).getMessage();
        assertTrue(m.contains("is a zip of checkpoints: give it alone"), m);

        Path bad = tmp.resolve("bad.zip");
        try (OutputStream os = Files.newOutputStream(bad); ZipOutputStream z = new ZipOutputStream(os)) {
            for (String n : List.of("a.ckpt", "b.ckpt")) {
                z.putNextEntry(new ZipEntry(n));
                z.write("not a checkpoint".getBytes());
                z.closeEntry();
            }
        }
        m = assertThrows(RuntimeException.class, () -> EnsembleFiles.loadZip(bad, Device.CPU, NeighborStrategy.AUTO)).getMessage();
        assertTrue(m.contains(bad + "!a.ckpt"), m);
    }
}
