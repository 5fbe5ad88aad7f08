package org.tensornet4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written opcode by opcode, to pin down what the fixtures do not exercise: bare state
 * dicts, storage offsets, non-contiguous strides, parameters, several dtypes, unknown classes.
 */
class HandWrittenCheckpointTest {
    @TempDir
    Path tmp;

    /** Storage 0 holds four floats 1..4; the entries view it in different ways. */
    private Path plainStateDict() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyOrderedDict().mark();
        p.str("contiguous").tensor("FloatStorage", "0", 4, 0, new long[] {2, 2}, new long[] {2, 1});
        p.str("transposed").tensor("FloatStorage", "0", 4, 0, new long[] {2, 2}, new long[] {1, 2});
        p.str("offset").tensor("FloatStorage", "0", 4, 1, new long[] {3}, new long[] {1});
        p.str("strided").tensor("FloatStorage", "0", 4, 1, new long[] {2}, new long[] {2});
        p.str("scalar").tensor("FloatStorage", "0", 4, 3, new long[] {}, new long[] {});
        p.str("broadcast").tensor("FloatStorage", "0", 4, 1, new long[] {2, 3}, new long[] {0, 1});
        p.str("parameter").global("torch._utils", "_rebuild_parameter").mark()
                .tensor("LongStorage", "1", 3, 0, new long[] {3}, new long[] {1})
                .bool(true).emptyOrderedDict().tuple().reduce();
        p.str("mask").tensor("BoolStorage", "2", 2, 0, new long[] {2}, new long[] {1});
        p.str("gpu").global("torch._utils", "_rebuild_tensor_v2").mark()
                .storage("DoubleStorage", "3", "cuda:0", 2).integer(0).ints(2).ints(1).bool(false)
                .emptyOrderedDict().tuple().reduce();
        p.str("empty").tensor("IntStorage", "4", 0, 0, new long[] {0, 5}, new long[] {5, 1});
        p.setitems();
        // A state dict ends with BUILD setting its _metadata attribute.
        p.emptyDict().str("_metadata").emptyOrderedDict().mark().str("").emptyDict().str("version").integer(1)
                .setitem().setitems().setitem().build();
        p.stop();

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("weights/data.pkl", p.bytes());
        entries.put("weights/data/0", Archives.floats(1, 2, 3, 4));
        entries.put("weights/data/1", Archives.longs(7, -8, 9));
        entries.put("weights/data/2", new byte[] {1, 0});
        entries.put("weights/data/3", Archives.doubles(0.5, Double.NEGATIVE_INFINITY));
        entries.put("weights/data/4", new byte[0]);
        entries.put("weights/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("weights/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        Path file = tmp.resolve("plain.pt");
        Archives.write(file, entries);
        return file;
    }

    @Test
    void plainStateDictHonoursOffsetsStridesAndDtypes() throws IOException {
        Checkpoint ckpt = Checkpoint.read(plainStateDict());
        assertEquals(Map.of(), ckpt.hyperParameters());
        Map<String, Tensor> sd = ckpt.stateDict();
        assertEquals(List.of("contiguous", "transposed", "offset", "strided", "scalar", "broadcast", "parameter",
                "mask", "gpu", "empty"), List.copyOf(sd.keySet()));

        check(sd.get("contiguous"), ScalarType.Float, new long[] {2, 2}, 1, 2, 3, 4);
        check(sd.get("transposed"), ScalarType.Float, new long[] {2, 2}, 1, 3, 2, 4);
        check(sd.get("offset"), ScalarType.Float, new long[] {3}, 2, 3, 4);
        check(sd.get("strided"), ScalarType.Float, new long[] {2}, 2, 4);
        check(sd.get("scalar"), ScalarType.Float, new long[] {}, 4);
        check(sd.get("broadcast"), ScalarType.Float, new long[] {2, 3}, 2, 3, 4, 2, 3, 4);
        check(sd.get("parameter"), ScalarType.Long, new long[] {3}, 7, -8, 9);
        check(sd.get("mask"), ScalarType.Bool, new long[] {2}, 1, 0);
        check(sd.get("gpu"), ScalarType.Double, new long[] {2}, 0.5, Double.NEGATIVE_INFINITY);
        check(sd.get("empty"), ScalarType.Int, new long[] {0, 5});
        for (Tensor t : sd.values()) assertTrue(t.is_contiguous());
    }

    @Test
    void tensorsAreIndependentCopies() throws IOException {
        Map<String, Tensor> sd = Checkpoint.read(plainStateDict()).stateDict();
        // All of these came from storage 0; writing to one must not show in another.
        try (org.bytedeco.pytorch.Scalar zero = new org.bytedeco.pytorch.Scalar(0.0)) {
            sd.get("contiguous").fill_(zero);
        }
        check(sd.get("offset"), ScalarType.Float, new long[] {3}, 2, 3, 4);
        check(sd.get("transposed"), ScalarType.Float, new long[] {2, 2}, 1, 3, 2, 4);
    }

    @Test
    void separatelySuppliedHyperParametersAreNormalised() throws IOException {
        Path file = plainStateDict();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("model", "tensornet");
        given.put("embedding_dimension", 32);
        given.put("cutoff_upper", 5.0f);
        given.put("prior_model", List.of(Map.of("Atomref", Map.of("max_z", 100))));
        Checkpoint ckpt = Checkpoint.of(file, given);
        assertEquals(file, ckpt.source());
        assertEquals("tensornet", ckpt.hyperParameters().get("model"));
        assertEquals(32L, ckpt.hyperParameters().get("embedding_dimension"));
        assertEquals(5.0, ckpt.hyperParameters().get("cutoff_upper"));
        assertEquals(List.of(Map.of("Atomref", Map.of("max_z", 100L))), ckpt.hyperParameters().get("prior_model"));
        assertEquals(10, ckpt.stateDict().size());
        check(ckpt.stateDict().get("strided"), ScalarType.Float, new long[] {2}, 2, 4);
    }

    @Test
    void hyperParametersOfEveryPythonKindBecomePlainJava() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyDict().mark();
        p.str("state_dict").emptyOrderedDict()
                .str("w").tensor("FloatStorage", "0", 1, 0, new long[] {1}, new long[] {1}).setitem();
        p.str("callbacks").global("lightning.pytorch.callbacks", "ModelCheckpoint").emptyTuple().op(0x81)
                .emptyDict().str("best").real(0.5).setitem().build();
        p.str("hyper_parameters").global("lightning.fabric.utilities.data", "AttributeDict").emptyTuple().op(0x81)
                .mark()
                .str("int").integer(-3)
                .str("big").op(0x8a).op(8).op(0).op(0).op(0).op(0).op(0).op(0).op(0).op(0x40)
                .str("inf").real(Double.POSITIVE_INFINITY)
                .str("nan").real(Double.NaN)
                .str("flag").bool(true)
                .str("none").none()
                .str("tuple").mark().integer(1).str("a").tuple()
                .str("list").emptyList().mark().real(1.5).integer(2).appends()
                .str("nested").emptyDict().str("k").emptyList().setitem()
                .str("dtype").global("torch", "float32")
                .str("object").global("argparse", "Namespace").emptyTuple().reduce()
                .emptyDict().str("x").integer(1).setitem().build()
                .setitems();
        p.setitems().stop();
        Path file = tmp.resolve("lightning.ckpt");
        Archives.write(file, Map.of("x/data.pkl", p.bytes(), "x/data/0", Archives.floats(9)));

        Checkpoint ckpt = Checkpoint.read(file);
        Map<String, Object> hp = ckpt.hyperParameters();
        assertEquals(List.of("int", "big", "inf", "nan", "flag", "none", "tuple", "list", "nested", "dtype", "object"),
                List.copyOf(hp.keySet()));
        assertEquals(-3L, hp.get("int"));
        assertEquals(1L << 62, hp.get("big"));
        assertEquals(Double.POSITIVE_INFINITY, hp.get("inf"));
        assertTrue(Double.isNaN((Double) hp.get("nan")));
        assertEquals(true, hp.get("flag"));
        assertEquals(null, hp.get("none"));
        assertEquals(List.of(1L, "a"), hp.get("tuple"));
        assertEquals(List.of(1.5, 2L), hp.get("list"));
        assertEquals(Map.of("k", List.of()), hp.get("nested"));
        assertEquals("torch.float32", hp.get("dtype"));
        Map<?, ?> object = assertInstanceOf(Map.class, hp.get("object"));
        assertEquals("argparse.Namespace", object.get("__class__"));
        assertEquals(Map.of("x", 1L), object.get("state"));
        check(ckpt.stateDict().get("w"), ScalarType.Float, new long[] {1}, 9);
    }

    @Test
    void namespaceHyperParametersOfOlderLightningAreRead() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyDict().mark();
        p.str("state_dict").emptyOrderedDict();
        p.str("hyper_parameters").global("argparse", "Namespace").emptyTuple().op(0x81)
                .emptyDict().str("model").str("tensornet").setitem().build();
        p.setitems().stop();
        Path file = tmp.resolve("namespace.ckpt");
        Archives.write(file, Map.of("n/data.pkl", p.bytes()));
        Checkpoint ckpt = Checkpoint.read(file);
        assertEquals(Map.of("model", "tensornet"), ckpt.hyperParameters());
        assertEquals(Map.of(), ckpt.stateDict());
    }

    private static void check(Tensor t, ScalarType type, long[] shape, double... values) {
        assertEquals(type, Tensors.dtype(t));
        assertArrayEquals(shape, Tensors.shape(t));
        assertArrayEquals(values, Tensors.values(t));
    }
}
