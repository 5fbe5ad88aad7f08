#ifndef TENSORNET4J_PROCESS_TUNING_H_
#define TENSORNET4J_PROCESS_TUNING_H_

// Process settings that the libraries under LibTorch read once, when they load or at start-up, so the
// JVM host applies them before it creates the JVM (which loads LibTorch). Internal to libtensornet4j.

namespace tensornet4j {

/**
 * OMP_WAIT_POLICY=PASSIVE unless set; then, unless TN4J_PROCESS_TUNING=0, large freed blocks kept in the
 * heap unless the user configured glibc's malloc. Idempotent; reasons and measurements in ProcessTuning.cpp.
 */
void tuneProcessBeforeJvm();

}  // namespace tensornet4j

#endif
