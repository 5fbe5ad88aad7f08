package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.tensornet4j.torch.Torch;

/**
 * A CUDA device that cannot run says which part is missing: the GPU natives (default build), a GPU
 * (-Pcuda on a machine without one) or the index (more than the GPUs there are). Which case applies
 * depends on the build and machine; the others are skipped, never passed.
 */
class CudaDeviceRefusalTest {

    private static String refusal(String device) {
        return assertThrows(IllegalArgumentException.class,
                () -> TensorNetPotential.load(Fixtures.checkpoint("tn-small"), Device.parse(device))).getMessage();
    }

    private static void contains(String message, String... fragments) {
        for (String f : fragments) assertTrue(message.contains(f), "message '" + message + "' should contain '" + f + "'");
    }

    @Test
    void withoutGpuNativesNamesTheProfile() {
        assumeFalse(CudaDevices.gpuNativesPresent(), "this build has the GPU natives (-Pcuda)");
        contains(refusal("cuda"), "device cuda:0 needs JavaCPP's PyTorch GPU natives", "linux-x86_64-gpu",
                "build with -Pcuda", "-Dorg.bytedeco.javacpp.platform.extension=-gpu", "--device cpu");
    }

    @Test
    void withGpuNativesWithoutGpuSaysNoneFound() {
        assumeTrue(CudaDevices.gpuNativesPresent(), "the default build has no GPU natives");
        Torch.init();
        assumeTrue(torch.cuda_device_count() == 0, "a GPU is present");
        contains(refusal("cuda:0"), "no CUDA GPU found", "nvidia-smi");
    }

    @Test
    void indexBeyondTheGpusThere() {
        assumeTrue(CudaDevices.gpuNativesPresent(), "the default build has no GPU natives");
        Torch.init();
        assumeTrue(torch.cuda_device_count() > 0, "no GPU here");
        contains(refusal("cuda:99"), "does not exist", "cuda:0 to cuda:");
    }

    @Test
    void cpuNeedsNothing() {
        CudaDevices.require(Device.CPU);
        try (TensorNetPotential p = TensorNetPotential.load(Fixtures.checkpoint("tn-small"), Device.CPU)) {
            assertTrue(p.device().equals(Device.CPU));
        }
    }
}
