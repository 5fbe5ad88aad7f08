package org.tensornet4j.cli;

import org.tensornet4j.cli.bench.TimingLoop;
import picocli.CommandLine.Option;

/** {@code --warmup}, {@code --repeats} and {@code --max-seconds}, shared by the benchmark commands. */
final class TimingOptions {
    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "untimed calls first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeats", defaultValue = "20", paramLabel = "N", description = "timed calls per measurement (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--max-seconds", defaultValue = "120", paramLabel = "SECONDS",
            description = "stop timing once the timed calls of a measurement exceed SECONDS, after at least 3 calls"
                    + " (default: ${DEFAULT-VALUE})")
    double maxSeconds;

    TimingLoop loop() {
        return new TimingLoop(warmup, repeats, maxSeconds);
    }
}
