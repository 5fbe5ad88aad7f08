package org.tensornet4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensornet4j.Fixtures;

/** Reading an HDF5 file by groups and row ranges (what Spark tasks do) gives the rows of reading it whole. */
class Hdf5RowRangeTest {
    /** The GFN2-xTB test set: gzip-compressed, chunked datasets, as h5py writes them. */
    static final Path FILE = Fixtures.root().getParent().getParent().resolve("examples/data/xtb-gfn2-md-test.h5");

    @Test
    void rowRangesConcatenateToTheWholeFile() {
        List<Molecule> whole = Hdf5Dataset.read(FILE);
        Map<String, Integer> sizes = Hdf5Dataset.groupSizes(FILE);
        assertEquals(whole.size(), sizes.values().stream().mapToInt(Integer::intValue).sum());
        List<Molecule> pieces = new ArrayList<>();
        for (Map.Entry<String, Integer> g : sizes.entrySet()) {
            for (int from = 0; from < g.getValue(); from += 7) {
                pieces.addAll(Hdf5Dataset.read(FILE, g.getKey(), from, Math.min(g.getValue(), from + 7)));
            }
        }
        assertEquals(whole.size(), pieces.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).label(), pieces.get(i).label());
            assertArrayEquals(whole.get(i).pos(), pieces.get(i).pos(), whole.get(i).label()); // past the first chunk too
            assertArrayEquals(whole.get(i).z(), pieces.get(i).z());
            assertEquals(whole.get(i).energy(), pieces.get(i).energy());
        }
    }

    @Test
    void aRangeOutsideTheGroupOrAMissingGroupIsRefused() {
        String group = Hdf5Dataset.groupSizes(FILE).keySet().iterator().next();
        int m = Hdf5Dataset.groupSizes(FILE).get(group);
        DatasetException e = assertThrows(DatasetException.class, () -> Hdf5Dataset.read(FILE, group, 0, m + 1));
        assertTrue(e.getMessage().contains("do not lie in it"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> Hdf5Dataset.read(FILE, "no_such_group", 0, 1));
        assertTrue(e.getMessage().contains("no group 'no_such_group'"), e.getMessage());
    }
}
