package org.tensornet4j.openmm.presets;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * How JavaCPP's parser maps OpenMM's C++ API (the installed headers, OpenMM 7.7) to Java: the build
 * parses the headers named here into {@code org.tensornet4j.openmm.mapping} (one class per C++ class,
 * free functions in {@code mapping.global.OpenMM}) and compiles the JNI library {@code jniOpenMM}.
 * Only what a simulation script needs is mapped (the list); everything else is left out so the
 * JNI compile stays short. Streams and XmlSerializer's templates are reached through
 * {@code tn4j_openmm/JavaHelpers.h} (file checkpoints, XML strings, bulk double arrays).
 */
@Properties(
        target = "org.tensornet4j.openmm.mapping",
        global = "org.tensornet4j.openmm.mapping.global.OpenMM",
        value = @Platform(
                compiler = "cpp17",
                include = {
                    "openmm/Vec3.h", "openmm/OpenMMException.h", "openmm/Force.h", "openmm/System.h",
                    "openmm/Integrator.h", "openmm/VerletIntegrator.h", "openmm/LangevinIntegrator.h",
                    "openmm/LangevinMiddleIntegrator.h", "openmm/NoseHooverChain.h",
                    "openmm/NoseHooverIntegrator.h", "openmm/BrownianIntegrator.h", "openmm/State.h",
                    "openmm/Platform.h", "openmm/Context.h", "openmm/HarmonicBondForce.h",
                    "openmm/HarmonicAngleForce.h", "openmm/PeriodicTorsionForce.h", "openmm/RBTorsionForce.h",
                    "openmm/CMAPTorsionForce.h", "openmm/NonbondedForce.h", "openmm/GBSAOBCForce.h",
                    "openmm/CustomExternalForce.h", "openmm/CMMotionRemover.h",
                    "openmm/MonteCarloBarostat.h", "openmm/LocalEnergyMinimizer.h",
                    "tn4j_openmm/JavaHelpers.h"},
                link = "OpenMM"))
public class OpenMMPresets implements InfoMapper {
    @Override
    public void map(InfoMap infoMap) {
        infoMap.put(new Info("OPENMM_EXPORT").cppTypes().annotations())
                // text crosses as java.lang.String, both ways
                .put(new Info("std::string").annotations("@StdString").valueTypes("String").pointerTypes("BytePointer"))
                // containers that cross the API
                .put(new Info("std::vector<OpenMM::Vec3>").pointerTypes("Vec3Vector").define())
                .put(new Info("std::vector<std::string>").pointerTypes("StringVector").define())
                .put(new Info("std::vector<int>").pointerTypes("IntVector").define())
                .put(new Info("std::vector<double>").pointerTypes("DoubleVector").define())
                .put(new Info("std::map<std::string,double>").pointerTypes("StringDoubleMap").define())
                .put(new Info("std::map<std::string,std::string>").pointerTypes("StringStringMap").define())
                .put(new Info("std::vector<std::pair<int,int> >", "std::vector<std::pair<int,int>>")
                        .pointerTypes("IntPairVector").define())
                // Vec3: get(i) and the arithmetic the Java side needs; streams left out
                .put(new Info("OpenMM::operator <<", "OpenMM::operator *").skip())
                // kernel and ContextImpl plumbing, streams (see JavaHelpers.h), internals
                .put(new Info("OpenMM::Platform::registerKernelFactory", "OpenMM::Platform::createKernel",
                        "OpenMM::Platform::supportsKernels", "OpenMM::Platform::contextCreated",
                        "OpenMM::Platform::linkedContextCreated", "OpenMM::Platform::contextDestroyed",
                        "OpenMM::Context::createCheckpoint", "OpenMM::Context::loadCheckpoint",
                        "OpenMM::Context::getMolecules", "OpenMM::Integrator::createCheckpoint",
                        "OpenMM::Integrator::loadCheckpoint", "OpenMM::NoseHooverIntegrator::createCheckpoint",
                        "OpenMM::NoseHooverIntegrator::loadCheckpoint", "OpenMM::NoseHooverIntegrator::initialize",
                        "OpenMM::NoseHooverIntegrator::getAllThermostatedPairs",
                        "OpenMM::System::setVirtualSite", "OpenMM::System::getVirtualSite",
                        "OpenMM::State::StateBuilder", "OpenMM::NonbondedForce::addExclusionsToSet",
                        "OpenMM::ContextImpl", "OpenMM::ForceImpl", "OpenMM::Kernel", "OpenMM::KernelFactory",
                        "OpenMM::SerializationNode", "OpenMM::VirtualSite").skip())
                // the classes' private bookkeeping (declared in their headers, not part of the API)
                .put(new Info("OpenMM::CMAPTorsionForce::MapInfo", "OpenMM::CMAPTorsionForce::CMAPTorsionInfo",
                        "OpenMM::CustomExternalForce::ParticleInfo",
                        "OpenMM::CustomExternalForce::ParticleParameterInfo",
                        "OpenMM::CustomExternalForce::GlobalParameterInfo", "OpenMM::GBSAOBCForce::ParticleInfo",
                        "OpenMM::HarmonicAngleForce::AngleInfo", "OpenMM::HarmonicBondForce::BondInfo",
                        "OpenMM::NonbondedForce::ParticleInfo", "OpenMM::NonbondedForce::ExceptionInfo",
                        "OpenMM::NonbondedForce::GlobalParameterInfo", "OpenMM::NonbondedForce::ParticleOffsetInfo",
                        "OpenMM::NonbondedForce::ExceptionOffsetInfo", "OpenMM::PeriodicTorsionForce::PeriodicTorsionInfo",
                        "OpenMM::RBTorsionForce::RBTorsionInfo", "OpenMM::System::ConstraintInfo").skip())
                // abstract through protected pure virtual functions the parser does not see
                .put(new Info("OpenMM::Force", "OpenMM::Integrator").purify())
                // java.lang.System would be shadowed in every script importing the mapping
                .put(new Info("OpenMM::System").pointerTypes("OpenMMSystem"))
                .put(new Info("OpenMM::Platform::getPlatformByName", "OpenMM::Platform::getPlatform")
                        .javaNames("getPlatform"));
    }
}
