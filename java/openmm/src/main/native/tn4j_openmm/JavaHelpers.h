#ifndef TN4J_OPENMM_JAVA_HELPERS_H_
#define TN4J_OPENMM_JAVA_HELPERS_H_

// What OpenMM's API offers only through C++ streams, templates or vectors of Vec3, as plain functions the
// JavaCPP mapping can call: positions, velocities and forces cross as one bulk double array (x0 y0 z0 x1
// ...), checkpoints go to and from files, XmlSerializer's templates get one function per type. Header
// only: compiled into the JNI library of the mapping (org.tensornet4j.openmm.presets.OpenMMPresets).

#include "openmm/CMMotionRemover.h"
#include "openmm/Context.h"
#include "openmm/Integrator.h"
#include "openmm/OpenMMException.h"
#include "openmm/State.h"
#include "openmm/System.h"
#include "openmm/Vec3.h"
#include "openmm/serialization/XmlSerializer.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tn4j_openmm {

/** Copies n vectors into xyz (3n doubles). */
inline void copyVectors(const std::vector<OpenMM::Vec3>& vectors, double* xyz) {
    for (size_t i = 0; i < vectors.size(); i++) {
        xyz[3 * i] = vectors[i][0];
        xyz[3 * i + 1] = vectors[i][1];
        xyz[3 * i + 2] = vectors[i][2];
    }
}

/** n vectors from xyz (3n doubles). */
inline std::vector<OpenMM::Vec3> toVectors(const double* xyz, int n) {
    std::vector<OpenMM::Vec3> vectors(n);
    for (int i = 0; i < n; i++) vectors[i] = OpenMM::Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    return vectors;
}

inline void getPositions(const OpenMM::State& state, double* xyz) { copyVectors(state.getPositions(), xyz); }
inline void getVelocities(const OpenMM::State& state, double* xyz) { copyVectors(state.getVelocities(), xyz); }
inline void getForces(const OpenMM::State& state, double* xyz) { copyVectors(state.getForces(), xyz); }

/** The periodic box vectors a, b, c as 9 doubles (nm). */
inline void getBox(const OpenMM::State& state, double* box) {
    OpenMM::Vec3 a, b, c;
    state.getPeriodicBoxVectors(a, b, c);
    copyVectors({a, b, c}, box);
}

inline void setPositions(OpenMM::Context& context, const double* xyz, int n) { context.setPositions(toVectors(xyz, n)); }
inline void setVelocities(OpenMM::Context& context, const double* xyz, int n) { context.setVelocities(toVectors(xyz, n)); }

/** Box vectors a, b, c from 9 doubles (nm). */
inline void setBox(OpenMM::Context& context, const double* box) {
    context.setPeriodicBoxVectors(OpenMM::Vec3(box[0], box[1], box[2]), OpenMM::Vec3(box[3], box[4], box[5]),
                                  OpenMM::Vec3(box[6], box[7], box[8]));
}
inline void setDefaultBox(OpenMM::System& system, const double* box) {
    system.setDefaultPeriodicBoxVectors(OpenMM::Vec3(box[0], box[1], box[2]), OpenMM::Vec3(box[3], box[4], box[5]),
                                        OpenMM::Vec3(box[6], box[7], box[8]));
}

/** Whether the System removes centre-of-mass motion (3 fewer degrees of freedom for the temperature). */
inline bool hasCMMotionRemover(const OpenMM::System& system) {
    for (int i = 0; i < system.getNumForces(); i++) {
        if (dynamic_cast<const OpenMM::CMMotionRemover*>(&system.getForce(i)) != nullptr) return true;
    }
    return false;
}

/** Context::createCheckpoint into a file (binary, replaced whole). */
inline void saveCheckpoint(OpenMM::Context& context, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw OpenMM::OpenMMException("cannot write checkpoint " + path);
    context.createCheckpoint(out);
    out.close();
    if (!out) throw OpenMM::OpenMMException("writing checkpoint " + path + " failed");
}

/** Context::loadCheckpoint from a file written by saveCheckpoint for the same System and platform. */
inline void loadCheckpoint(OpenMM::Context& context, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw OpenMM::OpenMMException("cannot read checkpoint " + path);
    context.loadCheckpoint(in);
}

template <class T>
std::string serialize(const T& object, const std::string& root) {
    std::stringstream out;
    OpenMM::XmlSerializer::serialize<T>(&object, root, out);
    return out.str();
}

template <class T>
T* deserialize(const std::string& xml) {
    std::stringstream in(xml);
    return OpenMM::XmlSerializer::deserialize<T>(in);
}

inline std::string serializeSystem(const OpenMM::System& system) { return serialize(system, "System"); }
inline std::string serializeState(const OpenMM::State& state) { return serialize(state, "State"); }
inline std::string serializeIntegrator(const OpenMM::Integrator& integrator) { return serialize(integrator, "Integrator"); }
/** A new System the caller owns. */
inline OpenMM::System* deserializeSystem(const std::string& xml) { return deserialize<OpenMM::System>(xml); }
/** A new State the caller owns. */
inline OpenMM::State* deserializeState(const std::string& xml) { return deserialize<OpenMM::State>(xml); }
/** A new Integrator the caller owns. */
inline OpenMM::Integrator* deserializeIntegrator(const std::string& xml) { return deserialize<OpenMM::Integrator>(xml); }

}  // namespace tn4j_openmm

#endif
