package org.tensornet4j.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensornet4j.Ensemble;
import org.tensornet4j.Fixtures;
import org.tensornet4j.TensorNetPotential;

/** The engine configuration's keys, read in one place: the bridge's and those of tensornet4j's own potentials. */
class EngineConfigTest {
    private static String f64() { return Fixtures.checkpoint("tn-f64").toString(); }

    private static String small() { return Fixtures.checkpoint("tn-small").toString(); }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void bridgeKeys() {
        EngineConfig c = EngineConfig.parse("{\"atomic_numbers\": [8, 1, 1], \"charge\": -1}");
        assertArrayEquals(new long[] {8, 1, 1}, c.atomicNumbers());
        assertEquals(-1.0, c.charge());
        assertNull(EngineConfig.parse("{\"atomic_numbers\": [1]}").charge());
        String m = message(() -> EngineConfig.parse("{\"atomic_numbers\": [8, 1.5]}").atomicNumbers());
        assertTrue(m.contains("atomic_numbers[1] must be a JSON integer"), m);
        assertNull(EngineConfig.parse("{\"charge\": 1}").atomicNumbers(), "absent: the engine passes them per call");
        m = message(() -> EngineConfig.parse("{\"atomic_numbers\": []}").atomicNumbers());
        assertTrue(m.contains("one atomic number per particle") && m.contains("leave the key out"), m);
    }

    @Test
    void energyUnitIsOptionalAndMustBeAString() {
        assertNull(EngineConfig.parse("{}").energyUnit());
        assertEquals("kcal/mol", EngineConfig.parse("{\"energy_unit\": \"kcal/mol\"}").energyUnit());
        for (String bad : new String[] {"1", "\" \"", "[\"eV\"]"}) {
            String m = message(() -> EngineConfig.parse("{\"energy_unit\": " + bad + "}").energyUnit());
            assertTrue(m.contains("\"energy_unit\" must be a non-empty JSON string such as \"eV\""), m);
        }
    }

    @Test
    void tensorNetFromCheckpointDeviceAndOverrides() {
        String json = "{\"checkpoint\": \"" + small() + "\", \"device\": \"cpu\", \"hyperparameters\": {\"precision\": 64}}";
        try (TensorNetPotential p = EngineConfig.parse(json).tensorNet()) {
            assertEquals("float64", p.precision(), "the override reached the model");
        }
        String m = message(() -> EngineConfig.parse("{\"checkpoints\": [\"" + small() + "\"]}").tensorNet());
        assertTrue(m.contains("needs \"checkpoint\""), m);
        m = message(() -> EngineConfig.parse("{\"checkpoint\": \"" + small() + "\", \"hyperparameters\": 3}").tensorNet());
        assertTrue(m.contains("\"hyperparameters\" must be a JSON object"), m);
        m = message(() -> EngineConfig.parse("{\"checkpoint\": \"" + small() + "\", \"device\": 0}").tensorNet());
        assertTrue(m.contains("\"device\" must be a JSON string"), m);
    }

    @Test
    void ensembleFromCheckpoints() {
        try (Ensemble e = EngineConfig.parse("{\"checkpoints\": [\"" + f64() + "\", \"" + small() + "\"]}").ensemble()) {
            assertEquals(2, e.size());
        }
        String m = message(() -> EngineConfig.parse("{\"checkpoint\": \"" + f64() + "\"}").ensemble());
        assertTrue(m.contains("needs \"checkpoints\""), m);
        m = message(() -> EngineConfig.parse("{\"checkpoints\": [\"" + f64() + "\"]}").ensemble());
        assertTrue(m.contains("an ensemble needs at least two"), m);
    }

    @Test
    void theBridgeCreatesBothFromTheirClassNames() {
        long address = Bridge.create(Ensemble.class.getName(),
                "{\"checkpoints\": [\"" + f64() + "\", \"" + small() + "\"], \"atomic_numbers\": [8, 1, 1]}");
        try {
            assertTrue(Bridge.live(address).potential() instanceof Ensemble);
        } finally {
            Bridge.release(address);
        }
    }
}
