package org.tensornet4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensornet4j.data.Datasets;
import org.tensornet4j.data.Molecule;
import org.tensornet4j.model.LoadOptions;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.torch.Torch;

/** Errors of a checkpoint on a dataset: energy per molecule, forces per Cartesian component. */
public final class DatasetEvaluation {
    /** Mean absolute and root-mean-square errors (NaN where the dataset has no such label). */
    public record Report(int molecules, double energyMae, double energyRmse, double forceMae, double forceRmse) {
        public String describe() {
            return String.format(Locale.ROOT, "molecules: %d%nenergy MAE: %.6g%nenergy RMSE: %.6g%nforce MAE: %.6g%nforce RMSE: %.6g%n",
                    molecules, energyMae, energyRmse, forceMae, forceRmse);
        }
    }

    private DatasetEvaluation() {}

    public static Report run(Path checkpoint, String dataset, int batchSize) {
        return run(checkpoint, Map.of(), dataset, batchSize);
    }

    /** With hyper-parameters overridden as TorchMD-Net's {@code load_model(checkpoint, **overrides)}. */
    public static Report run(Path checkpoint, Map<String, Object> overrides, String dataset, int batchSize) {
        Trainer.requireBatchSize(batchSize, "the batch size");
        Torch.init();
        List<Molecule> data = Datasets.read(dataset);
        try (TorchMDNet model = ModelLoader.load(checkpoint, LoadOptions.DEFAULT.withOverrides(overrides))) {
            Metrics m = Trainer.evaluate(model, data, null, batchSize);
            return new Report(data.size(), m.energyMae(), m.energyRmse(), m.forceMae(), m.forceRmse());
        }
    }
}
