package org.tensornet4j.checkpoint;

import java.util.LinkedHashMap;

/**
 * A dict subclass ({@code collections.OrderedDict}, Lightning's {@code AttributeDict}). Its items are
 * the map; a later BUILD sets instance attributes (a state dict's {@code _metadata}), which are kept
 * apart so they never mix with the items. Insertion order is kept because parameter order is part
 * of what a state dict says.
 */
final class PyDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String className;
    private transient Object attributes;

    PyDict(String className) {
        this.className = className;
    }

    String className() {
        return className;
    }

    /** The BUILD state (attribute dict), or null. */
    Object attributes() {
        return attributes;
    }

    void setAttributes(Object state) {
        this.attributes = state;
    }
}
