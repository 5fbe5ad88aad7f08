package org.tensornet4j.checkpoint;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.objects.ByteArrayConstructor;
import net.razorvine.pickle.objects.SetConstructor;

/**
 * Gives meaning to the Python globals a {@code torch.save} pickle refers to. Resolution is per
 * unpickler instead of through razorvine's static registry so loading a checkpoint changes no
 * process-wide state. Names not listed here become inert {@link PyGlobal}s.
 */
final class TorchGlobals {

    /** Dict subclasses whose instances are read as ordinary ordered maps. */
    private static final List<String> DICT_CLASSES = List.of(
            "collections.OrderedDict",
            "builtins.dict",
            "__builtin__.dict",
            // Lightning moved AttributeDict between packages; pickles name the defining module.
            "lightning.fabric.utilities.data.AttributeDict",
            "lightning_fabric.utilities.data.AttributeDict",
            "pytorch_lightning.utilities.parsing.AttributeDict",
            "lightning.pytorch.utilities.parsing.AttributeDict");

    private static final Map<String, IObjectConstructor> FIXED = Map.of(
            "torch._utils._rebuild_tensor_v2", TorchGlobals::rebuildTensorV2,
            "torch._utils._rebuild_tensor", TorchGlobals::rebuildTensorV1,
            // A Parameter is its tensor plus requires_grad, which inference does not need.
            "torch._utils._rebuild_parameter", args -> firstTensor(args, "_rebuild_parameter"),
            "torch._utils._rebuild_parameter_with_state", args -> firstTensor(args, "_rebuild_parameter_with_state"),
            "builtins.set", new SetConstructor(),
            "builtins.frozenset", new SetConstructor(),
            "__builtin__.set", new SetConstructor(),
            // Protocol 2 pickles bytes as _codecs.encode(latin-1 text, 'latin1').
            "_codecs.encode", new ByteArrayConstructor(),
            "builtins.bytearray", new ByteArrayConstructor(),
            "__builtin__.bytearray", new ByteArrayConstructor());

    IObjectConstructor resolve(String module, String name) {
        String qualified = module + "." + name;
        if (DICT_CLASSES.contains(qualified)) return args -> newDict(qualified, args);
        IObjectConstructor fixed = FIXED.get(qualified);
        return fixed != null ? fixed : new PyGlobal(module, name);
    }

    /** {@code OrderedDict()} or {@code OrderedDict([(k, v), ...])}; dict subclasses get their items via SETITEMS. */
    private static PyDict newDict(String className, Object[] args) {
        PyDict dict = new PyDict(className);
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
            for (Object pair : pairs) {
                Object[] kv = asTuple(pair, className + " item");
                if (kv.length != 2) throw new PickleException(className + " item is not a (key, value) pair");
                dict.put(kv[0], kv[1]);
            }
        } else if (args.length == 1 && args[0] instanceof Map<?, ?> items) {
            dict.putAll(items);
        } else if (args.length != 0) {
            throw new PickleException(className + " called with " + args.length + " arguments");
        }
        return dict;
    }

    /** (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
    private static TensorRef rebuildTensorV2(Object[] args) {
        if (args.length < 4) {
            throw new PickleException("_rebuild_tensor_v2 expects at least 4 arguments, got " + args.length);
        }
        return tensorRef(args, "_rebuild_tensor_v2");
    }

    /** The pre-1.0 form (storage, storage_offset, size, stride). */
    private static TensorRef rebuildTensorV1(Object[] args) {
        if (args.length != 4) throw new PickleException("_rebuild_tensor expects 4 arguments, got " + args.length);
        return tensorRef(args, "_rebuild_tensor");
    }

    private static TensorRef tensorRef(Object[] args, String what) {
        if (!(args[0] instanceof StorageRef storage)) {
            throw new PickleException(what + ": first argument is " + typeName(args[0]) + ", not a storage");
        }
        long offset = asLong(args[1], what + " storage_offset");
        long[] size = asLongs(args[2], what + " size");
        long[] stride = asLongs(args[3], what + " stride");
        if (size.length != stride.length) {
            throw new PickleException(what + ": size has " + size.length + " dimensions but stride has " + stride.length);
        }
        return new TensorRef(storage, offset, size, stride);
    }

    private static Object firstTensor(Object[] args, String what) {
        if (args.length < 1 || !(args[0] instanceof TensorRef)) {
            throw new PickleException(what + ": first argument is not a tensor");
        }
        return args[0];
    }

    private static Object[] asTuple(Object value, String what) {
        if (value instanceof Object[] tuple) return tuple;
        if (value instanceof List<?> list) return list.toArray();
        throw new PickleException(what + " is " + typeName(value) + ", not a tuple");
    }

    private static long[] asLongs(Object value, String what) {
        Object[] tuple = asTuple(value, what);
        long[] out = new long[tuple.length];
        for (int i = 0; i < tuple.length; i++) out[i] = asLong(tuple[i], what + "[" + i + "]");
        return out;
    }

    private static long asLong(Object value, String what) {
        if (value instanceof Integer || value instanceof Long) return ((Number) value).longValue();
        throw new PickleException(what + " is " + typeName(value) + ", not an integer");
    }

    /** Describes an unpickled value in Python's terms, which is what the file's author knows. */
    static String typeName(Object value) {
        if (value == null) return "None";
        if (value instanceof PyObject o) return "an instance of " + o.type().qualifiedName();
        if (value instanceof PyGlobal g) return "the global " + g.qualifiedName();
        if (value instanceof TensorRef) return "a tensor";
        if (value instanceof Boolean) return "a bool";
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) return "an int";
        if (value instanceof Double) return "a float";
        if (value instanceof String) return "a str";
        if (value instanceof byte[]) return "a bytes";
        if (value instanceof Object[]) return "a tuple";
        if (value instanceof List<?>) return "a list";
        if (value instanceof Set<?>) return "a set";
        if (value instanceof PyDict d) return "a " + d.className();
        if (value instanceof Map<?, ?>) return "a dict";
        return "a " + value.getClass().getSimpleName();
    }
}
