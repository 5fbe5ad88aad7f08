#include "JvmHost.h"
#include "JavaDiscovery.h"
#include "ProcessTuning.h"

#include "tensornet4j/Host.h"

#include <dlfcn.h>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <vector>

namespace tensornet4j {
namespace jvm {
namespace {

using CreateJavaVM = jint (*)(JavaVM**, void**, void*);
using GetCreatedJavaVMs = jint (*)(JavaVM**, jsize, jsize*);

std::mutex mutex;
JavaVM* vm = nullptr;

bool exists(const std::string& path) {
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

/** A JVM already in the process (libjvm loaded by a java launcher or an earlier host), or null. */
JavaVM* existingJvm() {
    auto get = reinterpret_cast<GetCreatedJavaVMs>(dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs"));
    if (get == nullptr) return nullptr;
    JavaVM* found = nullptr;
    jsize count = 0;
    if (get(&found, 1, &count) == JNI_OK && count > 0) return found;
    return nullptr;
}

void* loadLibjvm() {
    std::string path = findLibjvm(currentPlaces());
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (handle == nullptr) {
        throw BridgeError("cannot load " + path + ": " + dlerror() + "; set JAVA_HOME to a JDK 17+ built for this machine");
    }
    return handle;
}

/** Every entry of the class path must exist: a missing one means a stale or moved build. */
void checkClassPath(const std::string& classPath) {
    if (classPath.empty()) {
        throw BridgeError("the Java class path is empty: build the Java side (mvn -B -DskipTests package) or set TN4J_CLASSPATH");
    }
    std::stringstream entries(classPath);
    std::string entry;
    while (std::getline(entries, entry, ':')) {
        if (!entry.empty() && !exists(entry)) {
            throw BridgeError("class path entry " + entry + " does not exist: the class path is stale; rebuild "
                              "(cmake --build) or set TN4J_CLASSPATH");
        }
    }
}

JavaVM* createJvm() {
    // Only a JVM we create is preceded by the tuning: in a Java program's JVM, LibTorch may be loaded
    // already, and the program's launcher decides (README, Process settings: what to export).
    tuneProcessBeforeJvm();
    void* libjvm = loadLibjvm();
    auto create = reinterpret_cast<CreateJavaVM>(dlsym(libjvm, "JNI_CreateJavaVM"));
    if (create == nullptr) throw BridgeError("libjvm.so has no JNI_CreateJavaVM");
    std::string classPath = defaultClassPath();
    checkClassPath(classPath);
    std::vector<std::string> options = {
        "-Djava.class.path=" + classPath,
        "-Xrs",  // signals belong to the host engine
        "--enable-native-access=ALL-UNNAMED",
    };
    if (const char* extra = std::getenv("TN4J_JAVA_OPTS")) {
        std::stringstream words(extra);
        std::string word;
        while (words >> word) options.push_back(word);
    }
    std::vector<JavaVMOption> jvmOptions(options.size());
    for (size_t i = 0; i < options.size(); i++) {
        jvmOptions[i].optionString = const_cast<char*>(options[i].c_str());
        jvmOptions[i].extraInfo = nullptr;
    }
    JavaVMInitArgs args;
    args.version = JNI_VERSION_10;
    args.nOptions = static_cast<jint>(jvmOptions.size());
    args.options = jvmOptions.data();
    args.ignoreUnrecognized = JNI_FALSE;
    JavaVM* created = nullptr;
    JNIEnv* env = nullptr;
    jint status = create(&created, reinterpret_cast<void**>(&env), &args);
    if (status != JNI_OK) {
        throw BridgeError("creating the JVM failed (JNI error " + std::to_string(status) + "); check the Java runtime (JAVA_HOME) and TN4J_JAVA_OPTS");
    }
    return created;
}

}  // namespace

JNIEnv* env() {
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (vm == nullptr) {
            vm = existingJvm();
            if (vm == nullptr) vm = createJvm();
        }
    }
    JNIEnv* result = nullptr;
    jint status = vm->GetEnv(reinterpret_cast<void**>(&result), JNI_VERSION_10);
    if (status == JNI_EDETACHED) {
        if (vm->AttachCurrentThreadAsDaemon(reinterpret_cast<void**>(&result), nullptr) != JNI_OK) {
            throw BridgeError("cannot attach this thread to the JVM");
        }
    } else if (status != JNI_OK) {
        throw BridgeError("the JVM refused this thread (JNI error " + std::to_string(status) + ")");
    }
    return result;
}

void rethrowPending(JNIEnv* env, const std::string& context) {
    jthrowable error = env->ExceptionOccurred();
    if (error == nullptr) return;
    env->ExceptionClear();
    std::string message = "unknown Java exception";
    jclass throwable = env->FindClass("java/lang/Throwable");
    jmethodID getMessage = env->GetMethodID(throwable, "getMessage", "()Ljava/lang/String;");
    jmethodID toString = env->GetMethodID(throwable, "toString", "()Ljava/lang/String;");
    auto text = static_cast<jstring>(env->CallObjectMethod(error, getMessage));
    if (env->ExceptionCheck()) env->ExceptionClear();
    if (text == nullptr) text = static_cast<jstring>(env->CallObjectMethod(error, toString));
    if (env->ExceptionCheck()) env->ExceptionClear();
    if (text != nullptr) {
        const char* chars = env->GetStringUTFChars(text, nullptr);
        message = chars;
        env->ReleaseStringUTFChars(text, chars);
        env->DeleteLocalRef(text);
    }
    env->DeleteLocalRef(throwable);
    env->DeleteLocalRef(error);
    throw BridgeError(context + message);
}

}  // namespace jvm

std::string defaultClassPath() {
    if (const char* fromEnv = std::getenv("TN4J_CLASSPATH")) return fromEnv;
    // The build installs tensornet4j.classpath next to this library.
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(&defaultClassPath), &info) == 0 || info.dli_fname == nullptr) {
        throw BridgeError("cannot locate libtensornet4j to find its class path file; set TN4J_CLASSPATH");
    }
    std::string library = info.dli_fname;
    std::string file = library.substr(0, library.find_last_of('/') + 1) + "tensornet4j.classpath";
    std::ifstream in(file);
    if (!in) {
        throw BridgeError("class path file " + file + " is missing: build the project (cmake --build) or set TN4J_CLASSPATH");
    }
    std::string line;
    std::getline(in, line);
    // An installed file names its jars relative to its own directory, so that the tree can be moved
    // (DESTDIR, a relocated prefix); the build tree's file holds absolute paths.
    std::string directory = file.substr(0, file.find_last_of('/') + 1);
    std::stringstream entries(line);
    std::string entry, classPath;
    while (std::getline(entries, entry, ':')) {
        if (entry.empty()) continue;
        classPath += (classPath.empty() ? "" : ":") + (entry.front() == '/' ? entry : directory + entry);
    }
    return classPath;
}

}  // namespace tensornet4j
