package org.tensornet4j.cli;

import org.tensornet4j.Device;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu}, shared by the commands that run the model. The help lists only what this
 * build can run: Device still parses cuda and cuda:N, and the load refuses them with its own line.
 */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu (CUDA is not supported yet) (default: ${DEFAULT-VALUE})")
    String name;

    Device device() {
        return Device.parse(name);
    }
}
