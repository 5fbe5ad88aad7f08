#include "tensornet4j/Host.h"

#include "JvmHost.h"

#include <utility>

namespace tensornet4j {
namespace {

const char* const BRIDGE_CLASS = "org/tensornet4j/bridge/Bridge";

/** The bridge class and its static methods, looked up once per call (cheap, and class loaders may differ). */
struct BridgeMethods {
    jclass type;
    jmethodID create;
    jmethodID release;
    jmethodID timing;
    jmethodID lengths;
    jmethodID energyUnit;
};

BridgeMethods bridge(JNIEnv* env) {
    jclass type = env->FindClass(BRIDGE_CLASS);
    if (type == nullptr) {
        env->ExceptionClear();
        throw BridgeError("class org.tensornet4j.bridge.Bridge not found: the JVM's class path lacks the tensornet4j "
                          "bridge jar; rebuild or set TN4J_CLASSPATH");
    }
    BridgeMethods m{type, env->GetStaticMethodID(type, "create", "(Ljava/lang/String;Ljava/lang/String;)J"),
                    env->GetStaticMethodID(type, "release", "(J)V"),
                    env->GetStaticMethodID(type, "timing", "(J)[J"),
                    env->GetStaticMethodID(type, "lengths", "(J)[D"),
                    env->GetStaticMethodID(type, "energyUnit", "(J)Ljava/lang/String;")};
    if (m.create == nullptr || m.release == nullptr || m.timing == nullptr || m.lengths == nullptr || m.energyUnit == nullptr) {
        env->ExceptionClear();
        throw BridgeError("org.tensornet4j.bridge.Bridge lacks create/release/timing/lengths/energyUnit: the bridge jar is stale; rebuild");
    }
    return m;
}

/** Calls a ForceComputation method; a Java exception (a std::exception from JavaCPP) becomes a BridgeError. */
template <typename Call>
double javaStep(ForceComputation* computation, Call call) {
    if (computation == nullptr) throw BridgeError("this Java potential has been released");
    // JavaCPP attaches the calling thread by itself; a Java exception arrives as std::exception.
    try {
        return call(computation);
    } catch (const BridgeError&) {
        throw;
    } catch (const std::exception& e) {
        throw BridgeError(e.what());
    }
}

}  // namespace

JavaPotential::JavaPotential(const std::string& className, const std::string& config) : computation(nullptr), id(0) {
    JNIEnv* env = jvm::env();
    BridgeMethods m = bridge(env);
    jstring jclassName = env->NewStringUTF(className.c_str());
    jstring jconfig = env->NewStringUTF(config.c_str());
    jlong address = env->CallStaticLongMethod(m.type, m.create, jclassName, jconfig);
    env->DeleteLocalRef(jclassName);
    env->DeleteLocalRef(jconfig);
    env->DeleteLocalRef(m.type);
    jvm::rethrowPending(env, "creating Java potential " + className + ": ");
    id = address;
    computation = reinterpret_cast<ForceComputation*>(address);
}

JavaPotential::~JavaPotential() {
    if (id == 0) return;
    try {
        JNIEnv* env = jvm::env();
        BridgeMethods m = bridge(env);
        env->CallStaticVoidMethod(m.type, m.release, static_cast<jlong>(id));
        env->DeleteLocalRef(m.type);
        if (env->ExceptionCheck()) env->ExceptionClear();
    } catch (...) {
        // a destructor must not throw; the Java object stays registered (a leak, not a crash)
    }
}

JavaPotential::JavaPotential(JavaPotential&& other) noexcept : computation(other.computation), id(other.id) {
    other.computation = nullptr;
    other.id = 0;
}

JavaPotential& JavaPotential::operator=(JavaPotential&& other) noexcept {
    if (this != &other) {
        JavaPotential old(std::move(*this));
        computation = other.computation;
        id = other.id;
        other.computation = nullptr;
        other.id = 0;
    }
    return *this;
}

JavaPotential::Timing JavaPotential::timing() const {
    JNIEnv* env = jvm::env();
    BridgeMethods m = bridge(env);
    auto values = static_cast<jlongArray>(env->CallStaticObjectMethod(m.type, m.timing, static_cast<jlong>(id)));
    env->DeleteLocalRef(m.type);
    jvm::rethrowPending(env, "reading the bridge timing: ");
    jlong v[2] = {0, 0};
    env->GetLongArrayRegion(values, 0, 2, v);
    env->DeleteLocalRef(values);
    return Timing{static_cast<long long>(v[0]), static_cast<double>(v[1]) * 1e-9};
}

JavaPotential::Timing totalBridgeTiming() {
    JNIEnv* env = jvm::env();
    jclass type = env->FindClass(BRIDGE_CLASS);
    if (type == nullptr) {
        env->ExceptionClear();
        throw BridgeError("class org.tensornet4j.bridge.Bridge not found");
    }
    jmethodID total = env->GetStaticMethodID(type, "totalTiming", "()[J");
    auto values = static_cast<jlongArray>(env->CallStaticObjectMethod(type, total));
    env->DeleteLocalRef(type);
    jvm::rethrowPending(env, "reading the bridge timing: ");
    jlong v[2] = {0, 0};
    env->GetLongArrayRegion(values, 0, 2, v);
    env->DeleteLocalRef(values);
    return JavaPotential::Timing{static_cast<long long>(v[0]), static_cast<double>(v[1]) * 1e-9};
}

double JavaPotential::compute(int numParticles, const double* positions, const double* box, double* forces) {
    return javaStep(computation, [&](ForceComputation* c) { return c->compute(numParticles, positions, box, forces); });
}

double JavaPotential::evaluate(int numAtoms, const int* atomicNumbers, const double* positions, const double* box,
                               const double* totalCharge, double* forces, double* virial, double* atomEnergies) {
    return javaStep(computation, [&](ForceComputation* c) {
        return c->evaluate(numAtoms, atomicNumbers, positions, box, totalCharge, forces, virial, atomEnergies);
    });
}

bool JavaPotential::computeOnDevice(int numParticles, int precision, const void* positions, const void* box, void* forces,
                                    bool addForces, double* energy, int deviceIndex, void* stream) {
    bool onDevice = false;
    javaStep(computation, [&](ForceComputation* c) {
        onDevice = c->computeOnDevice(numParticles, precision, positions, box, forces, addForces, energy, deviceIndex, stream);
        return 0.0;
    });
    return onDevice;
}

namespace {

/** {cutoff, receptive field} in Angstrom from Bridge.lengths. */
void lengths(long long id, double out[2]) {
    if (id == 0) throw BridgeError("this Java potential has been released");
    JNIEnv* env = jvm::env();
    BridgeMethods m = bridge(env);
    auto values = static_cast<jdoubleArray>(env->CallStaticObjectMethod(m.type, m.lengths, static_cast<jlong>(id)));
    env->DeleteLocalRef(m.type);
    jvm::rethrowPending(env, "asking the Java potential for its cutoff: ");
    env->GetDoubleArrayRegion(values, 0, 2, out);
    env->DeleteLocalRef(values);
}

}  // namespace

double JavaPotential::cutoff() const {
    double v[2];
    lengths(id, v);
    return v[0];
}

double JavaPotential::receptiveField() const {
    double v[2];
    lengths(id, v);
    return v[1];
}

std::string JavaPotential::energyUnit() const {
    if (id == 0) throw BridgeError("this Java potential has been released");
    JNIEnv* env = jvm::env();
    BridgeMethods m = bridge(env);
    auto unit = static_cast<jstring>(env->CallStaticObjectMethod(m.type, m.energyUnit, static_cast<jlong>(id)));
    env->DeleteLocalRef(m.type);
    jvm::rethrowPending(env, "asking the Java potential for its energy unit: ");
    const char* chars = env->GetStringUTFChars(unit, nullptr);
    std::string text(chars == nullptr ? "" : chars);
    if (chars != nullptr) env->ReleaseStringUTFChars(unit, chars);
    env->DeleteLocalRef(unit);
    return text;
}

}  // namespace tensornet4j
