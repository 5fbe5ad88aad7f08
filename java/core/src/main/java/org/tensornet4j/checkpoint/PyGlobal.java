package org.tensornet4j.checkpoint;

import java.util.Arrays;
import net.razorvine.pickle.IObjectConstructor;

/**
 * A Python class or function the loader has no meaning for (a Lightning callback, an optimizer
 * class, a storage class). Checkpoints carry many of these next to the weights; keeping them as
 * inert names lets the file load without knowing every library that wrote into it.
 */
final class PyGlobal implements IObjectConstructor {
    private final String module;
    private final String name;

    PyGlobal(String module, String name) {
        this.module = module;
        this.name = name;
    }

    String qualifiedName() {
        return module + "." + name;
    }

    /** Calling an unknown class records the call instead of running it. */
    @Override
    public Object construct(Object[] args) {
        return new PyObject(this, Arrays.asList(args));
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
