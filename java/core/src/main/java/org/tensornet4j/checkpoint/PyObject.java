package org.tensornet4j.checkpoint;

import java.util.List;

/** An instance of a class the loader does not know: the call that made it and the state set on it. */
final class PyObject {
    private final PyGlobal type;
    private final List<Object> args;
    private Object state;

    PyObject(PyGlobal type, List<Object> args) {
        this.type = type;
        this.args = args;
    }

    PyGlobal type() {
        return type;
    }

    List<Object> args() {
        return args;
    }

    /** What BUILD set: usually the instance {@code __dict__}; null when never built. */
    Object state() {
        return state;
    }

    void setState(Object state) {
        this.state = state;
    }

    @Override
    public String toString() {
        return type.qualifiedName() + args;
    }
}
