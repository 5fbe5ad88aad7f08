package org.tensornet4j.checkpoint;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles a {@code torch.save} {@code data.pkl} into plain Java values, {@link TensorRef}s for
 * tensors and {@link PyGlobal}/{@link PyObject}/{@link PyDict} for Python objects.
 *
 * <p>A few opcodes are handled here instead of by razorvine, each for a reason:
 * <ul>
 *   <li>GLOBAL/STACK_GLOBAL/INST: names resolve through {@link TorchGlobals} (per instance) so that
 *       unknown classes load as inert values instead of failing;</li>
 *   <li>EMPTY_DICT/DICT/SETITEMS: razorvine collects items in a HashMap, losing their order, and a
 *       state dict's order is the module's parameter order;</li>
 *   <li>BUILD: razorvine looks up {@code __setstate__} by the state's exact runtime class; setting
 *       state directly accepts whatever the writer produced (dict, tuple, None).</li>
 * </ul>
 */
final class TorchUnpickler extends Unpickler {
    private final TorchGlobals globals = new TorchGlobals();

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(globals.resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(globals.resolve(module, name));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                List<Object> args = stack.pop_all_since_marker();
                stack.add(globals.resolve(module, name).construct(args.toArray()));
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> pairs = stack.pop_all_since_marker();
                putPairs(targetDict(), pairs);
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                build(stack.peek(), state);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /**
     * Persistent ids are how {@code torch.save} keeps tensor bytes out of the pickle:
     * {@code ('storage', <storage class>, key, location, numel)}.
     */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] id) || id.length != 5 || !"storage".equals(id[0])) {
            throw new PickleException("unsupported persistent id " + describe(pid)
                    + " (expected ('storage', type, key, location, numel))");
        }
        String typeName = id[1] instanceof PyGlobal g ? g.qualifiedName() : String.valueOf(id[1]);
        if (!(id[2] instanceof String storageKey)) {
            throw new PickleException("storage key is " + TorchGlobals.typeName(id[2]) + ", not a string");
        }
        if (!(id[4] instanceof Integer || id[4] instanceof Long)) {
            throw new PickleException("storage " + storageKey + " size is " + TorchGlobals.typeName(id[4]));
        }
        return new StorageRef(typeName, storageKey, String.valueOf(id[3]), ((Number) id[4]).longValue());
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> targetDict() {
        Object top = stack.peek();
        if (!(top instanceof Map<?, ?>)) throw new PickleException("SETITEMS on " + TorchGlobals.typeName(top));
        return (Map<Object, Object>) top;
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> flat) {
        if (flat.size() % 2 != 0) throw new PickleException("odd number of items for a dict");
        for (int i = 0; i < flat.size(); i += 2) dict.put(flat.get(i), flat.get(i + 1));
    }

    private static void build(Object target, Object state) {
        if (target instanceof PyDict dict) {
            dict.setAttributes(state);
        } else if (target instanceof PyObject object) {
            object.setState(state);
        } else {
            throw new PickleException("cannot set state on " + TorchGlobals.typeName(target));
        }
    }

    private static String describe(Object pid) {
        if (pid instanceof Object[] tuple) return Arrays.deepToString(tuple);
        return String.valueOf(pid);
    }
}
