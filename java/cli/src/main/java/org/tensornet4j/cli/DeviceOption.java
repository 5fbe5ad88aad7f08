package org.tensornet4j.cli;

import org.tensornet4j.Device;
import picocli.CommandLine.Option;

/** {@code --device cpu|cuda|cuda:N}, shared by the commands that run the model. */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    String name;

    Device device() {
        return Device.parse(name);
    }
}
