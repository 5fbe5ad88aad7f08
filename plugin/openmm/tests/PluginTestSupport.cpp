#include "PluginTestSupport.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

using OpenMM::Vec3;

namespace tn4jtest {
namespace {

int failures = 0;

Vec3 vec(const nlohmann::json& row) {
    return Vec3(row[0].get<double>(), row[1].get<double>(), row[2].get<double>());
}

}  // namespace

std::string fixturePath(const std::string& file) {
    return std::string(TN4J_FIXTURES) + "/tensornet/" + file;
}

std::string Fixture::checkpoint() const {
    return fixturePath(model + ".ckpt");
}

Fixture loadFixture(const std::string& model, const std::string& input) {
    std::ifstream in(fixturePath(model + "__" + input + ".json"));
    nlohmann::json ref = nlohmann::json::parse(in);
    Fixture fixture;
    fixture.model = model;
    fixture.input = input;
    fixture.z = ref["z"].get<std::vector<int>>();
    for (const auto& row : ref["pos"]) fixture.positions.push_back(vec(row) * 0.1);
    fixture.periodic = !ref["box"].is_null();
    if (fixture.periodic) {
        for (int i = 0; i < 3; i++) fixture.box[i] = vec(ref["box"][i]) * 0.1;
    }
    fixture.energy = ref["energy"][0].get<double>();
    for (const auto& row : ref["forces"]) fixture.forces.push_back(vec(row));
    fixture.float64 = ref["dtype"] == "float64";
    return fixture;
}

void loadPlugins() {
    OpenMM::Platform::loadPluginsFromDirectory(OpenMM::Platform::getDefaultPluginsDirectory());
    OpenMM::Platform::loadPluginsFromDirectory(TN4J_PLUGIN_DIR);
}

bool hasPlatform(const std::string& name) {
    for (int i = 0; i < OpenMM::Platform::getNumPlatforms(); i++) {
        if (OpenMM::Platform::getPlatform(i).getName() == name) return true;
    }
    return false;
}

TensorNetPlugin::TensorNetForce* forceFor(const Fixture& fixture, const std::string& energyUnit) {
    auto* force = new TensorNetPlugin::TensorNetForce(fixture.checkpoint(), fixture.z);
    force->setEnergyUnit(energyUnit);
    force->setUsesPeriodicBoundaryConditions(fixture.periodic);
    return force;
}

std::unique_ptr<OpenMM::System> systemFor(const Fixture& fixture, OpenMM::Force* force) {
    auto system = std::make_unique<OpenMM::System>();
    for (size_t i = 0; i < fixture.z.size(); i++) system->addParticle(12.0);
    if (fixture.periodic) system->setDefaultPeriodicBoxVectors(fixture.box[0], fixture.box[1], fixture.box[2]);
    system->addForce(force);
    return system;
}

std::unique_ptr<Simulation> simulate(OpenMM::System& system, const std::string& platform, bool doublePrecision) {
    auto simulation = std::make_unique<Simulation>();
    std::map<std::string, std::string> properties;
    if (platform == "OpenCL") properties["Precision"] = doublePrecision ? "double" : "single";
    simulation->context = std::make_unique<OpenMM::Context>(system, simulation->integrator, OpenMM::Platform::getPlatformByName(platform), properties);
    return simulation;
}

Evaluation evaluate(OpenMM::Context& context) {
    OpenMM::State state = context.getState(OpenMM::State::Energy | OpenMM::State::Forces);
    return {state.getPotentialEnergy(), state.getForces()};
}

std::string errorOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const OpenMM::OpenMMException& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

void check(bool ok, const std::string& what) {
    if (!ok) failures++;
    (ok ? std::cout : std::cerr) << (ok ? "ok: " : "FAILED: ") << what << std::endl;
}

int exitCode() {
    std::cout << (failures == 0 ? "all passed" : std::to_string(failures) + " failed") << std::endl;
    return failures == 0 ? 0 : 1;
}

}  // namespace tn4jtest
