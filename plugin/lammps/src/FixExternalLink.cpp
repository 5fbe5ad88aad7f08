#include "FixExternalLink.h"

#include "LammpsError.h"

#include <lammps/library.h>

#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace tn4j::lammps {

namespace {
// The callback below is written for LAMMPS's default integer sizes (-DLAMMPS_SMALLBIG: 32-bit atom
// IDs, 64-bit step numbers), Debian's build; another build must not call it with other types.
static_assert(std::is_same_v<FixExternalFnPtr, void (*)(void*, int64_t, int, int*, double**, double**)>);

void requireSmallBig(void* lammps) {
    if (lammps_extract_setting(lammps, "tagint") != 4 || lammps_extract_setting(lammps, "bigint") != 8) {
        throw std::runtime_error("this LAMMPS library was built with other integer sizes than LAMMPS_SMALLBIG; "
                                 "rebuild tn4j-lammps against its library.h with the same -DLAMMPS_... define");
    }
}
}  // namespace

FixExternalLink::FixExternalLink(void* lammps, const Settings& settings) : lammps_(lammps) {
    if (worldSize(lammps) != 1) {
        throw std::invalid_argument("LAMMPS runs on " + std::to_string(worldSize(lammps)) +
                                    " MPI ranks; tn4j-lammps couples the whole box in one process: run it "
                                    "without mpirun (one rank)");
    }
    requireSmallBig(lammps);
    if (!lammps_has_id(lammps, "fix", settings.fixId.c_str())) {
        throw std::invalid_argument("no fix with ID '" + settings.fixId + "'; define 'fix " + settings.fixId +
                                    " all external pf/callback 1 1' before the tensornet4j command");
    }
    if (lammps_extract_setting(lammps, "box_exist") != 1) {
        throw std::invalid_argument("the box does not exist yet; put the tensornet4j command after read_data or "
                                    "create_box");
    }
    const char* units = static_cast<const char*>(lammps_extract_global(lammps, "units"));
    coupling_ = std::make_unique<Coupling>(settings, units, lammps_extract_setting(lammps, "ntypes"));
    std::string modify = "fix_modify " + settings.fixId + " energy yes virial yes";
    lammps_command(lammps, modify.c_str());
    lammps_set_fix_external_callback(lammps, settings.fixId.c_str(), &FixExternalLink::callback, this);
}

void FixExternalLink::callback(void* self, int64_t, int nlocal, int*, double** x, double** f) {
    auto* link = static_cast<FixExternalLink*>(self);
    try {
        link->step(nlocal, x, f);
    } catch (const std::exception& error) {
        fatalError(link->lammps_, error.what());
    }
}

void FixExternalLink::step(int nlocal, double** x, double** f) {
    // One rank owns every atom: the callback's local atoms are the whole system (ghosts are not passed).
    const double natoms = lammps_get_natoms(lammps_);
    if (nlocal != static_cast<int>(natoms)) {
        throw std::runtime_error("this rank owns " + std::to_string(nlocal) + " of " +
                                 std::to_string(static_cast<long long>(natoms)) + " atoms; run on one MPI rank");
    }
    Frame frame;
    frame.numAtoms = nlocal;
    frame.types = static_cast<const int*>(lammps_extract_atom(lammps_, "type"));
    frame.x = x;
    int triclinic = 0;
    lammps_extract_box(lammps_, frame.box.lo, frame.box.hi, &frame.box.xy, &frame.box.yz, &frame.box.xz,
                       frame.box.periodic, &triclinic);
    const std::string& fixId = coupling_->settings().fixId;
    double* atomEnergies = nullptr;
    if (coupling_->settings().atomEnergies) {
        atomEnergies_.resize(nlocal);
        atomEnergies = atomEnergies_.data();
    }
    StepResult result = coupling_->compute(frame, f, atomEnergies);
    lammps_fix_external_set_energy_global(lammps_, fixId.c_str(), result.energy);
    lammps_fix_external_set_virial_global(lammps_, fixId.c_str(), result.virial);
    if (atomEnergies != nullptr) lammps_fix_external_set_energy_peratom(lammps_, fixId.c_str(), atomEnergies);
}

}  // namespace tn4j::lammps
