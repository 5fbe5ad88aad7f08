package org.tensornet4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests on one water molecule with the tn-small fixture model, loaded once per test class. */
abstract class WaterOnTnSmall {
    static TensorNetPotential model;
    static final double[][] WATER = {{0, 0, 0}, {0.96, 0, 0}, {-0.24, 0.93, 0}};
    static final long[] Z = {8, 1, 1};

    @BeforeAll
    static void load() {
        model = TensorNetPotential.load(Fixtures.checkpoint("tn-small"));
    }

    @AfterAll
    static void close() {
        model.close();
    }
}
