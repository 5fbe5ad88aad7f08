#include "CudaContextRule.h"

#include <dlfcn.h>

#include <string>

#include "tensornet4j/Host.h"

namespace tensornet4j {
namespace {

// The few driver API entry points used, declared here so that no CUDA header is needed to build.
using CUresult = int;
using CUdevice = int;
using CUcontext = void*;
struct Driver {
    CUresult (*init)(unsigned int);
    CUresult (*deviceGetCount)(int*);
    CUresult (*deviceGet)(CUdevice*, int);
    CUresult (*primaryCtxRetain)(CUcontext*, CUdevice);
    CUresult (*primaryCtxRelease)(CUdevice);
    CUresult (*ctxGetCurrent)(CUcontext*);
};

template <typename F>
void bind(void* library, const char* name, F& f) {
    f = reinterpret_cast<F>(dlsym(library, name));
    if (f == nullptr) throw BridgeError(std::string("the CUDA driver (libcuda.so.1) lacks ") + name + ": update the NVIDIA driver");
}

/** The driver, loaded once (the library stays mapped for the process). */
const Driver& driver() {
    static const Driver loaded = [] {
        void* library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_GLOBAL);
        if (library == nullptr) {
            const char* why = dlerror();
            throw BridgeError(std::string("device buffers need an NVIDIA GPU and its driver, and the CUDA driver (libcuda.so.1)"
                                          " cannot be loaded here (") + (why ? why : "not found") +
                              "): run on a GPU machine, or pass host buffers to tn4j_compute");
        }
        Driver d{};
        bind(library, "cuInit", d.init);
        bind(library, "cuDeviceGetCount", d.deviceGetCount);
        bind(library, "cuDeviceGet", d.deviceGet);
        bind(library, "cuDevicePrimaryCtxRetain_v2", d.primaryCtxRetain);
        bind(library, "cuDevicePrimaryCtxRelease_v2", d.primaryCtxRelease);
        bind(library, "cuCtxGetCurrent", d.ctxGetCurrent);
        return d;
    }();
    return loaded;
}

void check(CUresult result, const char* what) {
    if (result != 0) throw BridgeError(std::string(what) + " failed (CUDA driver error " + std::to_string(result) + ")");
}

}  // namespace

void requirePrimaryContext(int deviceIndex) {
    const Driver& d = driver();
    check(d.init(0), "cuInit");
    int count = 0;
    check(d.deviceGetCount(&count), "cuDeviceGetCount");
    if (deviceIndex < 0 || deviceIndex >= count) {
        throw BridgeError("device_index is " + std::to_string(deviceIndex) + " but the CUDA driver sees " + std::to_string(count) +
                          " device(s): pass the index of the device that holds the buffers");
    }
    CUdevice device = 0;
    check(d.deviceGet(&device, deviceIndex), "cuDeviceGet");
    CUcontext primary = nullptr;
    CUcontext current = nullptr;
    check(d.primaryCtxRetain(&primary, device), "cuDevicePrimaryCtxRetain");
    CUresult got = d.ctxGetCurrent(&current);
    d.primaryCtxRelease(device);
    check(got, "cuCtxGetCurrent");
    if (current != nullptr && current != primary) {
        throw BridgeError("the calling thread's current CUDA context is not the primary context of device " + std::to_string(deviceIndex) +
                          ", which LibTorch uses: push the primary context around the call (cuDevicePrimaryCtxRetain, cuCtxPushCurrent,"
                          " then cuCtxPopCurrent), and pass a stream created in it");
    }
}

}  // namespace tensornet4j
