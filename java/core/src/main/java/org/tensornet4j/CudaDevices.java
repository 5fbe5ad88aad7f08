package org.tensornet4j;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Torch;

/**
 * Whether a {@link Device} can run here, and if not, what is missing. A CUDA device needs, in this order:
 * JavaCPP's PyTorch GPU natives on the class path (the {@code linux-x86_64-gpu} jar: build with
 * {@code -Pcuda}, run with {@code -Dorg.bytedeco.javacpp.platform.extension=-gpu}), a GPU that LibTorch sees,
 * and that GPU's index. The default build has the CPU-only LibTorch and never downloads the GPU natives.
 */
public final class CudaDevices {
    private CudaDevices() {}

    /** Where JavaCPP looks for the GPU build of the PyTorch JNI library on this platform. */
    static String gpuNativesResource() {
        return "org/bytedeco/pytorch/" + Loader.getPlatform() + "-gpu/";
    }

    /** True when the GPU natives are on the class path (they are only with {@code -Pcuda} or a GPU bundle). */
    public static boolean gpuNativesPresent() {
        return CudaDevices.class.getClassLoader().getResource(gpuNativesResource()) != null;
    }

    /** Refuses a device this process cannot run on, naming what is missing and how to get it. */
    public static void require(Device device) {
        if (device == null) throw new IllegalArgumentException("device must not be null");
        if (device.kind() == Device.Kind.CPU) return;
        if (!gpuNativesPresent()) {
            throw new IllegalArgumentException("device " + device + " needs JavaCPP's PyTorch GPU natives ("
                    + gpuNativesResource() + " from org.bytedeco:pytorch:" + Loader.getPlatform()
                    + "-gpu), and this build has the CPU-only LibTorch: build with -Pcuda (mvn -Pcuda install) and"
                    + " run with -Dorg.bytedeco.javacpp.platform.extension=-gpu, or use --device cpu");
        }
        Torch.init();
        int count = torch.cuda_device_count();
        if (count == 0) {
            throw new IllegalArgumentException("device " + device + ": no CUDA GPU found (LibTorch sees 0 devices;"
                    + " check nvidia-smi, the NVIDIA driver and CUDA_VISIBLE_DEVICES), or use --device cpu");
        }
        if (device.index() >= count) {
            throw new IllegalArgumentException("device " + device + " does not exist: LibTorch sees " + count
                    + " CUDA GPU(s), cuda:0 to cuda:" + (count - 1));
        }
    }
}
