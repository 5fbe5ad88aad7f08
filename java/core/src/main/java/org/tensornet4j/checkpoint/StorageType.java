package org.tensornet4j.checkpoint;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The typed storage classes {@code torch.save} writes into persistent ids, with the LibTorch dtype
 * and element size each one stands for. The bytes in the archive are the raw little-endian
 * elements, so element size is all that is needed to check an entry's length.
 */
enum StorageType {
    DOUBLE("DoubleStorage", "float64", ScalarType.Double, 8),
    FLOAT("FloatStorage", "float32", ScalarType.Float, 4),
    HALF("HalfStorage", "float16", ScalarType.Half, 2),
    BFLOAT16("BFloat16Storage", "bfloat16", ScalarType.BFloat16, 2),
    LONG("LongStorage", "int64", ScalarType.Long, 8),
    INT("IntStorage", "int32", ScalarType.Int, 4),
    SHORT("ShortStorage", "int16", ScalarType.Short, 2),
    CHAR("CharStorage", "int8", ScalarType.Char, 1),
    BYTE("ByteStorage", "uint8", ScalarType.Byte, 1),
    BOOL("BoolStorage", "bool", ScalarType.Bool, 1),
    COMPLEX_FLOAT("ComplexFloatStorage", "complex64", ScalarType.ComplexFloat, 8),
    COMPLEX_DOUBLE("ComplexDoubleStorage", "complex128", ScalarType.ComplexDouble, 16);

    private final String className;
    private final String dtypeName;
    private final ScalarType scalarType;
    private final int itemSize;

    StorageType(String className, String dtypeName, ScalarType scalarType, int itemSize) {
        this.className = className;
        this.dtypeName = dtypeName;
        this.scalarType = scalarType;
        this.itemSize = itemSize;
    }

    ScalarType scalarType() {
        return scalarType;
    }

    /** The dtype as Python users write it ({@code torch.float32} is {@code float32}). */
    String dtypeName() {
        return dtypeName;
    }

    int itemSize() {
        return itemSize;
    }

    /** The storage class name as {@code torch.save} pickles it (module {@code torch}). */
    String pythonName() {
        return className;
    }

    /** The storage type that holds this tensor's dtype. */
    static StorageType of(org.bytedeco.pytorch.Tensor t) {
        ScalarType type = t.scalar_type().intern();
        for (StorageType s : values()) {
            if (s.scalarType == type) return s;
        }
        throw new IllegalArgumentException("no torch storage type for dtype " + type);
    }

    /**
     * Looks up a pickled storage class. Files written from a GPU before torch 1.x normalised
     * storage classes may name {@code torch.cuda.FloatStorage}; the bytes are the same.
     */
    static Optional<StorageType> forPickledClass(String qualifiedName) {
        String simple;
        if (qualifiedName.startsWith("torch.cuda.")) simple = qualifiedName.substring("torch.cuda.".length());
        else if (qualifiedName.startsWith("torch.")) simple = qualifiedName.substring("torch.".length());
        else return Optional.empty();
        return Arrays.stream(values()).filter(t -> t.className.equals(simple)).findFirst();
    }

    static String supportedList() {
        return Arrays.stream(values()).map(t -> "torch." + t.className).collect(Collectors.joining(", "));
    }
}
