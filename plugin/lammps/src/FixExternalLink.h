#ifndef TN4J_LAMMPS_FIX_EXTERNAL_LINK_H_
#define TN4J_LAMMPS_FIX_EXTERNAL_LINK_H_

#include "Coupling.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace tn4j::lammps {

/** Couples a Coupling to a LAMMPS `fix ID all external pf/callback` through LAMMPS's C library API:
 * each callback hands the model every atom with its type and the box, and gives LAMMPS the forces,
 * the energy and the virial (fix_modify energy yes virial yes, set here, so that thermo pe/press and
 * fix npt see them) and, when asked, per-atom energies. Whole box, one MPI rank. */
class FixExternalLink {
public:
    /** Checks the LAMMPS side (one rank, the fix exists, supported units, one element per type),
     * creates the potential and registers the callback. Throws std::invalid_argument /
     * std::runtime_error naming the problem. */
    FixExternalLink(void* lammps, const Settings& settings);

    Coupling& coupling() { return *coupling_; }

private:
    static void callback(void* self, int64_t step, int nlocal, int* ids, double** x, double** f);
    void step(int nlocal, double** x, double** f);

    void* lammps_;
    std::unique_ptr<Coupling> coupling_;
    std::vector<double> atomEnergies_;
};

}  // namespace tn4j::lammps

#endif
