#include "Driver.h"

#include "LammpsError.h"
#include "Script.h"

#include <lammps/library.h>

#include <sys/mman.h>
#include <unistd.h>

#include <exception>
#include <stdexcept>

namespace tn4j::lammps {

void Driver::run(const std::string& script) {
    // Refuse more ranks before any command runs: each rank would otherwise start its own JVM.
    if (worldSize(lammps_) != 1) {
        fatalError(lammps_, "LAMMPS runs on " + std::to_string(worldSize(lammps_)) +
                                " MPI ranks; tn4j-lammps couples the whole box in one process: run it without "
                                "mpirun (one rank)");
    }
    ScriptParts parts;
    try {
        parts = splitScript(script);
    } catch (const std::exception& error) {
        fatalError(lammps_, error.what());
    }
    runText(parts.before);
    try {
        Settings settings = parseSettings(commandWords(substituted(parts.arguments)));
        // fix external applies the forces to its group's atoms only, while the model sees every atom:
        // any other group would silently drop forces.
        std::string group = externalFixGroup(parts.before, settings.fixId);
        if (!group.empty() && group != "all") {
            throw std::invalid_argument("fix " + settings.fixId + " is defined on group " + group +
                                        "; the model sees every atom, so define it on group all: 'fix " +
                                        settings.fixId + " all external pf/callback 1 1'");
        }
        link_ = std::make_unique<FixExternalLink>(lammps_, settings);
    } catch (const std::exception& error) {
        fatalError(lammps_, std::string(error.what()) + " (the tensornet4j command, line " +
                                std::to_string(parts.line) + ")");
    }
    runText(parts.after);
}

std::string Driver::substituted(const std::string& arguments) {
    // LAMMPS substitutes ${name}, $x and $(expression) in every command, quoted text included: define
    // the arguments as a string variable and read it back, so the tensornet4j command sees LAMMPS's own
    // substitution (-var on the command line, index variables, loops).
    if (arguments.find("\"\"\"") != std::string::npos) {
        throw std::invalid_argument("the tensornet4j command cannot hold triple quotes");
    }
    const std::string name = "tn4j_lammps_arguments";
    lammps_command(lammps_, ("variable " + name + " string \"\"\"" + arguments + "\"\"\"").c_str());
    std::string text = static_cast<const char*>(lammps_extract_variable(lammps_, name.c_str(), nullptr));
    lammps_command(lammps_, ("variable " + name + " delete").c_str());
    return text;
}

void Driver::runText(const std::string& text) {
    // LAMMPS reads each part as a file (lammps_file), so that jump, label and include work within it;
    // an anonymous in-memory file leaves nothing behind, even when a LAMMPS error ends the process.
    int fd = memfd_create("tn4j-lammps-input", 0);
    if (fd < 0) fatalError(lammps_, "could not create an in-memory file for the input script");
    for (size_t done = 0; done < text.size();) {
        ssize_t written = write(fd, text.data() + done, text.size() - done);
        if (written <= 0) fatalError(lammps_, "could not write the input script to an in-memory file");
        done += static_cast<size_t>(written);
    }
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    lammps_file(lammps_, path.c_str());
    close(fd);
}

}  // namespace tn4j::lammps
