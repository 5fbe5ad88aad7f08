#ifndef TENSORNET4J_JVM_HOST_H_
#define TENSORNET4J_JVM_HOST_H_

// The JVM this process talks to: found (a Java program drives the engine) or created from the Java runtime JavaDiscovery finds.
// Internal to libtensornet4j; engines use Host.h or tensornet4j.h.

#include <jni.h>
#include <string>

namespace tensornet4j {
namespace jvm {

/** The JNIEnv of the calling thread, attaching it (as a daemon) and creating the JVM on first use. */
JNIEnv* env();

/** If a Java exception is pending: clears it and throws BridgeError(context + Java message). */
void rethrowPending(JNIEnv* env, const std::string& context);

}  // namespace jvm
}  // namespace tensornet4j

#endif
