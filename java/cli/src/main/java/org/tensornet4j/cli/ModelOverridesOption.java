package org.tensornet4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --set KEY=VALUE}, shared by the commands that load a model: TorchMD-Net's
 * {@code load_model(path, KEY=VALUE, ...)} overrides of the checkpoint's hyper-parameters.
 *
 * <p>VALUE is read as JSON (numbers, true/false, null, lists, objects, "quoted strings"); text that
 * is not JSON is taken as a plain string, so {@code --set activation=tanh} works without quotes. A
 * key the model does not read is refused when the model loads, with the list of the keys it reads.
 */
public final class ModelOverridesOption {
    /** "1 2" is not one JSON value: it must not read as 1. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = Converter.class,
            description = {"replace a hyper-parameter of the checkpoint, as TorchMD-Net's load_model(ckpt, KEY=VALUE);"
                + " repeatable. VALUE is JSON (10, 64, true, null, [1, 2]) or else a plain string."
                + " E.g. --set precision=64 (evaluate in float64), --set coulomb_cutoff=10 (Å; TensorNet2 in a periodic box)"})
    List<Map.Entry<String, Object>> entries = List.of();

    /** The overrides in the order given; a key given twice keeps its last value. */
    public Map<String, Object> overrides() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries) out.put(e.getKey(), e.getValue());
        return out;
    }

    /** Splits at the first '=' and reads the value (see the class comment). */
    static final class Converter implements CommandLine.ITypeConverter<Map.Entry<String, Object>> {
        @Override
        public Map.Entry<String, Object> convert(String text) {
            int eq = text.indexOf('=');
            String key = eq < 0 ? "" : text.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not KEY=VALUE: write e.g. --set coulomb_cutoff=10");
            }
            return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value(text.substring(eq + 1)));
        }

        static Object value(String text) {
            if (text.isBlank()) return text;
            try {
                return JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                return text; // not JSON: a plain string such as tanh or gauss
            }
        }
    }
}
