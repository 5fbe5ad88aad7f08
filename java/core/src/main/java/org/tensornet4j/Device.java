package org.tensornet4j;

/**
 * Where a potential runs. Only the CPU exists today; CUDA devices will be added without changing
 * the {@link Potential} API (a CUDA device carries its index).
 */
public record Device(Kind kind, int index) {

    /** The kinds of device tensornet4j knows. */
    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (kind == null) throw new IllegalArgumentException("device kind must not be null");
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    /** Parses "cpu", "cuda" or "cuda:N". */
    public static Device parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) return CPU;
        if (s.equals("cuda")) return new Device(Kind.CUDA, 0);
        if (s.startsWith("cuda:")) {
            try {
                return new Device(Kind.CUDA, Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown device '" + name + "': use cpu, cuda or cuda:N");
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
