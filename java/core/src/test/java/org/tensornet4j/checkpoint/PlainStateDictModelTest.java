package org.tensornet4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Device;
import org.tensornet4j.Fixtures;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.TensorNetPotential;

/**
 * A plain {@code torch.save(model.state_dict())} file (no Lightning wrapper, no {@code model.}
 * prefix) plus the hyper-parameters given separately reproduces TorchMD-Net like the .ckpt does.
 */
class PlainStateDictModelTest {
    @TempDir
    Path tmp;

    @Test
    void plainStateDictWithSeparateHyperParameters() throws IOException {
        Checkpoint source = Checkpoint.read(org.tensornet4j.Fixtures.checkpoint("tn-small"));
        PickleBytes p = new PickleBytes().proto(2).emptyOrderedDict().mark();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int key = 0;
        for (var e : source.stateDict().entrySet()) {
            Tensor t = e.getValue().contiguous();
            long[] shape = t.shape();
            long[] stride = new long[shape.length];
            for (int d = shape.length - 1, s = 1; d >= 0; s *= (int) shape[d], d--) stride[d] = s;
            p.str(e.getKey().substring("model.".length()))
                    .tensor("FloatStorage", Integer.toString(key), (int) t.numel(), 0, shape, stride);
            FloatBuffer b = t.createBuffer();
            float[] values = new float[(int) t.numel()];
            b.get(values);
            entries.put("plain/data/" + key, Archives.floats(values));
            key++;
        }
        p.setitems().stop();
        entries.put("plain/data.pkl", p.bytes());
        Path file = tmp.resolve("plain.pt");
        Archives.write(file, entries);

        var ref = org.tensornet4j.Fixtures.reference(org.tensornet4j.Fixtures.tensornet().resolve("tn-small__caffeine.json"));
        try (TensorNetPotential model = TensorNetPotential.loadStateDict(file, source.hyperParameters(), Device.CPU)) {
            PotentialOutput out = model.compute(ref.system());
            assertEquals(ref.energy()[0], out.energy()[0], 1e-5 * Math.abs(ref.energy()[0]));
        }
    }
}
