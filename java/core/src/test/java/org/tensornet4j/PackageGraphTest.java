package org.tensornet4j;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of java/core, as docs/layout.md states it: torch ← {neighbors, checkpoint, nn} ←
 * priors ← model ← the API (org.tensornet4j), where nn (parameters, linears, MLPs, cutoffs, radial
 * bases) reads checkpoints. Shared building blocks live below their users, as in TorchMD-Net's
 * models/utils.py, so that no package needs one above it.
 */
class PackageGraphTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tensornet4j");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.tensornet4j.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("org.tensornet4j")
                .layer("model").definedBy("org.tensornet4j.model..")
                .layer("priors").definedBy("org.tensornet4j.priors..")
                .layer("nn").definedBy("org.tensornet4j.nn..")
                .layer("neighbors").definedBy("org.tensornet4j.neighbors..")
                .layer("checkpoint").definedBy("org.tensornet4j.checkpoint..")
                .layer("torch").definedBy("org.tensornet4j.torch..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("model").mayOnlyBeAccessedByLayers("api")
                .whereLayer("priors").mayOnlyBeAccessedByLayers("model", "api")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("priors", "model", "api")
                .whereLayer("neighbors").mayOnlyBeAccessedByLayers("priors", "model", "api")
                .whereLayer("checkpoint").mayOnlyBeAccessedByLayers("nn", "priors", "model", "api")
                .whereLayer("torch").mayOnlyBeAccessedByLayers("nn", "neighbors", "checkpoint", "priors", "model", "api")
                .check(core);
    }
}
