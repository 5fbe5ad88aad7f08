package org.tensornet4j.priors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forms TorchMD-Net accepts for prior_model / prior_args, and the errors for what it cannot build. */
class PriorSettingsTest {
    private static Map<String, Object> zblArgs() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cutoff_distance", 4.0);
        a.put("max_num_neighbors", 64L);
        a.put("atomic_number", List.of(0L, 1L, 6L));
        a.put("distance_scale", 1e-10);
        a.put("energy_scale", 1.602176634e-19);
        return a;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static List<String> names(List<PriorSettings> s) {
        return s.stream().map(PriorSettings::name).toList();
    }

    @Test
    void noPriors() {
        assertEquals(List.of(), Priors.parse(null, null));
        assertEquals(List.of(), Priors.parse(List.of(), List.of()));
        assertEquals(List.of(), Priors.parse(Map.of(), null));
        assertEquals(List.of(), Priors.parse("", null));
    }

    @Test
    void aNameWithItsArgumentsInPriorArgs() {
        List<PriorSettings> s = Priors.parse("Atomref", Map.of("max_z", 10L));
        assertEquals(new Atomref.Settings("Atomref", 10, false, true), s.get(0));
    }

    @Test
    void aListOfNamesWithAListOfArguments() {
        List<PriorSettings> s = Priors.parse(List.of("ZBL", "Atomref"), List.of(zblArgs(), Map.of("max_z", 5L, "enable", false)));
        assertEquals(List.of("ZBL", "Atomref"), names(s));
        ZBL.Settings zbl = assertInstanceOf(ZBL.Settings.class, s.get(0));
        assertEquals(new ZBL.Settings(4.0, 64, 3, 1e-10, 1.602176634e-19), zbl);
        assertEquals(new Atomref.Settings("Atomref", 5, false, false), s.get(1));
    }

    @Test
    void aMapOfNamesToArgumentsKeepsItsOrder() {
        List<PriorSettings> s = Priors.parse(ordered("ZBL", zblArgs(), "Atomref", Map.of("max_z", 5L)), null);
        assertEquals(List.of("ZBL", "Atomref"), names(s));
    }

    @Test
    void aListOfSingleEntryMapsAsTheFixtureStoresIt() {
        Map<String, Object> d2 = new HashMap<>(zblArgs());
        d2.put("cutoff_distance", 10.0);
        List<PriorSettings> s = Priors.parse(List.of(Map.of("ZBL", zblArgs()), Map.of("D2", d2), Map.of("LearnableAtomref", Map.of("max_z", 7L))), null);
        assertEquals(List.of("ZBL", "D2", "LearnableAtomref"), names(s));
        assertEquals(new D2.Settings(10.0, 64, 3, 1e-10, 1.602176634e-19), s.get(1));
        assertEquals(new Atomref.Settings("LearnableAtomref", 7, true, true), s.get(2));
    }

    @Test
    void priorArgsReplaceTheArgumentsGivenWithTheNames() {
        List<PriorSettings> s = Priors.parse(List.of(Map.of("Atomref", Map.of("max_z", 5L))), List.of(Map.of("max_z", 7L)));
        assertEquals(7, ((Atomref.Settings) s.get(0)).maxZ());
    }

    @Test
    void unknownPriorListsTheSupportedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Priors.parse("Morse", Map.of()));
        assertEquals("unknown prior 'Morse' in prior_model; supported: Atomref, LearnableAtomref, D2, ZBL, Coulomb", e.getMessage());
    }

    @Test
    void missingArgumentNamesThePriorAndTheArgument() {
        Map<String, Object> args = zblArgs();
        args.remove("energy_scale");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Priors.parse(List.of(Map.of("ZBL", args)), null));
        assertTrue(e.getMessage().startsWith("prior ZBL (prior_model entry 0) is missing argument 'energy_scale' in prior_args"),
                e.getMessage());
        IllegalArgumentException atomref = assertThrows(IllegalArgumentException.class,
                () -> Priors.parse(List.of("D2", "Atomref"), List.of(zblArgs(), Map.of())));
        assertTrue(atomref.getMessage().startsWith("prior Atomref (prior_model entry 1) is missing argument 'max_z'"), atomref.getMessage());
        Map<String, Object> noCutoff = zblArgs();
        noCutoff.remove("cutoff_distance");
        IllegalArgumentException d2 = assertThrows(IllegalArgumentException.class, () -> Priors.parse(Map.of("D2", noCutoff), null));
        assertTrue(d2.getMessage().startsWith("prior D2 (prior_model entry 0) is missing argument 'cutoff_distance'"), d2.getMessage());
    }

    @Test
    void unknownOrMalformedArgumentsAreRefused() {
        Map<String, Object> extra = zblArgs();
        extra.put("cutof_distance", 4.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Priors.parse(Map.of("ZBL", extra), null));
        assertTrue(e.getMessage().contains("got an unknown argument 'cutof_distance'"), e.getMessage());
        Map<String, Object> bad = zblArgs();
        bad.put("max_num_neighbors", "many");
        e = assertThrows(IllegalArgumentException.class, () -> Priors.parse(Map.of("ZBL", bad), null));
        assertTrue(e.getMessage().contains("'max_num_neighbors' is many but must be a positive integer"), e.getMessage());
        Map<String, Object> dataset = zblArgs();
        dataset.put("dataset", "QM9");
        e = assertThrows(IllegalArgumentException.class, () -> Priors.parse(Map.of("ZBL", dataset), null));
        assertTrue(e.getMessage().contains("'dataset' must be None"), e.getMessage());
    }

    @Test
    void fewerArgumentSetsThanPriors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Priors.parse(List.of("ZBL", "Atomref"), List.of(zblArgs())));
        assertTrue(e.getMessage().startsWith("prior_model names 2 priors [ZBL, Atomref] but prior_args holds 1"), e.getMessage());
    }

    @Test
    void coulombArguments() {
        Map<String, Object> a = ordered("lower_switch_distance", 0.4, "upper_switch_distance", 0.8, "max_num_neighbors", 128L,
                "distance_scale", 1e-10, "energy_scale", 1.602176634e-19, "initial_box", null);
        Coulomb.Settings s = (Coulomb.Settings) Priors.parse(Map.of("Coulomb", a), null).get(0);
        assertEquals(0.4, s.lowerSwitchDistance());
        assertEquals(null, s.boxVecs());
        Map<String, Object> old = new HashMap<>(a);
        old.put("alpha", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Priors.parse(Map.of("Coulomb", old), null));
        assertTrue(e.getMessage().contains("'alpha'"), e.getMessage());
        Map<String, Object> reversed = new HashMap<>(a);
        reversed.put("upper_switch_distance", 0.2);
        e = assertThrows(IllegalArgumentException.class, () -> Priors.parse(Map.of("Coulomb", reversed), null));
        assertTrue(e.getMessage().contains("must be larger than lower_switch_distance"), e.getMessage());
    }

    @Test
    void referenceEnergiesSwitchTheLastAtomrefOn() {
        List<PriorSettings> s = Priors.parse(List.of("ZBL", "Atomref"), List.of(zblArgs(), Map.of("max_z", 5L, "enable", false)));
        List<PriorSettings> on = Priors.withReferenceEnergies(s);
        assertTrue(((Atomref.Settings) on.get(1)).enable());
        assertEquals(s.get(0), on.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Priors.withReferenceEnergies(new ArrayList<>(List.of(s.get(1), s.get(0)))));
        assertEquals("remove_ref_energy=False expects the last prior to be Atomref, but it is ZBL", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Priors.withReferenceEnergies(List.of()));
    }
}
