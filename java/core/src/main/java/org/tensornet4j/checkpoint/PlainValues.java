package org.tensornet4j.checkpoint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bytedeco.pytorch.Tensor;

/**
 * Converts unpickled hyper-parameters into the small vocabulary callers work with: String, Long
 * (every Python int), Double, Boolean, null, List (lists, tuples and sets) and Map with String keys,
 * all unmodifiable. One number type per Python type means callers never have to guess whether
 * an {@code int} arrived as Integer or Long.
 *
 * <p>Python objects of classes the loader does not know become maps
 * {@code {"__class__": "module.Name", "args": [...], "state": ...}}, and bare references to
 * classes or functions become their qualified name, so nothing is lost and nothing fails.
 */
final class PlainValues {
    private final Function<TensorRef, Tensor> tensors;
    private final Set<Object> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private PlainValues(Function<TensorRef, Tensor> tensors) {
        this.tensors = tensors;
    }

    /** @param tensors turns a tensor found among the values into a LibTorch tensor */
    static Map<String, Object> toPlainMap(Map<?, ?> map, Function<TensorRef, Tensor> tensors) {
        return new PlainValues(tensors).map(map);
    }

    /** For maps built in Java (e.g. parsed YAML): normalises numbers and containers the same way. */
    static Map<String, Object> toPlainMap(Map<?, ?> map) {
        return toPlainMap(map, ref -> {
            throw new IllegalArgumentException("unexpected pickled tensor in a Java map");
        });
    }

    private Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Double || v instanceof Tensor) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof BigInteger big) return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        if (v instanceof byte[] bytes) return bytes.clone();
        if (v instanceof TensorRef ref) return tensors.apply(ref);
        if (v instanceof PyGlobal global) return global.qualifiedName();
        if (v instanceof Map<?, ?> m) return map(m);
        if (v instanceof Object[] tuple) return list(Arrays.asList(tuple), tuple);
        if (v instanceof Collection<?> c) return list(c, c);
        if (v instanceof PyObject o) return object(o);
        return v;
    }

    private Map<String, Object> map(Map<?, ?> m) {
        enter(m);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(value(e.getKey())), value(e.getValue()));
        inProgress.remove(m);
        return Collections.unmodifiableMap(out);
    }

    private List<Object> list(Collection<?> items, Object identity) {
        enter(identity);
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) out.add(value(item));
        inProgress.remove(identity);
        return Collections.unmodifiableList(out);
    }

    private Map<String, Object> object(PyObject o) {
        enter(o);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("__class__", o.type().qualifiedName());
        out.put("args", value(o.args()));
        out.put("state", value(o.state()));
        inProgress.remove(o);
        return Collections.unmodifiableMap(out);
    }

    /** Pickles can describe self-referencing containers; plain Java values cannot hold them. */
    private void enter(Object container) {
        if (!inProgress.add(container)) {
            throw new IllegalArgumentException("a value contains itself, which has no plain Java form");
        }
    }
}
