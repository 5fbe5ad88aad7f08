package org.tensornet4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both dataset formats: what they read, and that bad files fail with a message naming the file, the place and the fix. */
class DatasetErrorsTest {
    @TempDir
    Path tmp;

    private static final List<Molecule> TWO = List.of(
            new Molecule("a", new long[] {8, 1, 1}, new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, -5.5,
                    new double[] {0.1, 0.2, 0.3, -0.1, 0, 0, 0, -0.2, -0.3}, 0),
            new Molecule("b", new long[] {8, 1, 1}, new double[] {0, 0, 0, 0.9, 0, 0, -0.3, 0.9, 0}, -5.25,
                    new double[] {0.5, 0, 0, -0.5, 0, 0, 0, 0, 0}, 0));

    @Test
    void hdf5AndXyzRoundTrip() {
        for (String name : List.of("w.h5", "w.xyz")) {
            Path f = tmp.resolve(name);
            if (name.endsWith(".h5")) Hdf5Dataset.write(f, TWO);
            else ExtendedXyz.write(f, TWO);
            List<Molecule> read = Datasets.read(f);
            assertEquals(2, read.size(), name);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(TWO.get(i).z(), read.get(i).z(), name);
                assertArrayEquals(TWO.get(i).pos(), read.get(i).pos(), 0.0, name);
                assertArrayEquals(TWO.get(i).forces(), read.get(i).forces(), 0.0, name);
                assertEquals(TWO.get(i).energy(), read.get(i).energy(), 0.0, name);
            }
        }
    }

    @Test
    void chargesAndMissingEnergiesSurviveTheHdf5Writer() {
        Path f = tmp.resolve("q.h5");
        Hdf5Dataset.write(f, List.of(new Molecule("ion", new long[] {7, 1, 1, 1, 1}, new double[15], Double.NaN,
                new double[15], 1)));
        Molecule m = Datasets.read(f).get(0);
        assertEquals(1.0, m.charge(), 0.0);
        assertTrue(!m.hasEnergy() && m.hasForces());
    }

    @Test
    void torchmdnetLayoutWithPerConformationTypesAndEnergyColumn() {
        Path f = tmp.resolve("t.h5");
        write(f, g -> {
            g.putDataset("types", new long[][] {{8, 1, 1}, {8, 1, 1}});
            g.putDataset("pos", new float[2][3][3]);
            g.putDataset("energy", new float[][] {{1.5f}, {2.5f}});
        });
        List<Molecule> ms = Datasets.read(f);
        assertEquals(2, ms.size());
        assertEquals(2.5, ms.get(1).energy(), 0.0);
        assertTrue(!ms.get(0).hasForces());
    }

    @Test
    void missingDatasetIsNamed() {
        Path f = tmp.resolve("m.h5");
        write(f, g -> {
            g.putDataset("types", new long[] {8, 1, 1});
            g.putDataset("energy", new double[] {1});
        });
        expect(f, "group 'mol0' has no dataset 'pos'");
    }

    @Test
    void shapeMismatchIsNamed() {
        Path f = tmp.resolve("s.h5");
        write(f, g -> {
            g.putDataset("types", new long[] {8, 1, 1});
            g.putDataset("pos", new double[2][3][3]);
            g.putDataset("forces", new double[2][2][3]);
        });
        expect(f, "'forces' has shape [2, 2, 3], expected [2, 3, 3]");
    }

    @Test
    void nanIsNamedWithItsMolecule() {
        Path f = tmp.resolve("n.h5");
        double[][][] pos = new double[2][3][3];
        pos[1][2][0] = Double.NaN;
        write(f, g -> {
            g.putDataset("types", new long[] {8, 1, 1});
            g.putDataset("pos", pos);
            g.putDataset("energy", new double[] {1, 2});
        });
        expect(f, "group 'mol0' molecule 1: pos of atom 2 is NaN");
    }

    /** Every reader refuses atomic number 0 alike (the structure readers of the CLI too), saying why. */
    @Test
    void atomicNumberZeroIsRefusedWithTheReason() {
        Path f = tmp.resolve("z.h5");
        write(f, g -> {
            g.putDataset("types", new long[] {8, 0, 1});
            g.putDataset("pos", new double[1][3][3]);
            g.putDataset("energy", new double[] {1});
        });
        expect(f, "atom 1: atomic number 0 is not an element (1..118); TorchMD-Net's models have no element 0");
    }

    /** A file cut short (an interrupted copy or download) is named as such, not "is it an HDF5 file?". */
    @Test
    void truncatedHdf5IsNamedAsTruncated() throws IOException {
        Path whole = tmp.resolve("whole.h5");
        Hdf5Dataset.write(whole, TWO);
        byte[] bytes = Files.readAllBytes(whole);
        for (int keep : new int[] {bytes.length / 2, bytes.length - 1, 40}) {
            Path cut = Files.write(tmp.resolve("cut" + keep + ".h5"), java.util.Arrays.copyOf(bytes, keep));
            expect(cut, "is truncated");
            expect(cut, "copy it again");
        }
        Path other = Files.writeString(tmp.resolve("text.h5"), "energy,forces\n1,2\n");
        expect(other, "is not an HDF5 file");
    }

    @Test
    void unknownElementIsNamed() throws IOException {
        Path f = tmp.resolve("u.xyz");
        Files.writeString(f, "2\nenergy=1.0\nO 0 0 0\nXx 1 0 0\n");
        expect(f, "unknown element 'Xx' on line 4");
    }

    @Test
    void truncatedXyzIsNamed() throws IOException {
        Path f = tmp.resolve("t.xyz");
        Files.writeString(f, "3\nProperties=species:S:1:pos:R:3:forces:R:3 energy=1.0\nO 0 0 0 0 0 0\nH 1 0 0 0 0 0\n");
        expect(f, "truncated: 3 atoms announced");
    }

    @Test
    void xyzWithoutForceColumnsIsNamed() throws IOException {
        Path f = tmp.resolve("c.xyz");
        Files.writeString(f, "1\nProperties=species:S:1:pos:R:3:forces:R:3 energy=1.0\nO 0 0 0\n");
        expect(f, "has 4 columns, expected 7");
    }

    @Test
    void unknownExtensionAndMissingFile() throws IOException {
        Path f = tmp.resolve("data.csv");
        Files.writeString(f, "x");
        expect(f, "unknown file type");
        expect(tmp.resolve("nope.h5"), "no such file");
    }

    private static void expect(Path f, String fragment) {
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static void write(Path f, Consumer<WritableGroup> body) {
        try (WritableHdfFile hdf = HdfFile.write(f)) {
            body.accept(hdf.putGroup("mol0"));
        }
    }
}
