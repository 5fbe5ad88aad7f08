#include "LammpsError.h"

// lammps.h (LAMMPS's public class: its screen and log file) compiles on Debian with MPI's headers;
// the rest of LAMMPS's C++ headers do not (they need fmt), so everything else goes through library.h.
#include <lammps/lammps.h>
#include <lammps/library.h>

#include <cstdio>
#include <cstdlib>

namespace tn4j::lammps {

void fatalError(void* handle, const std::string& message) {
    auto* lammps = static_cast<LAMMPS_NS::LAMMPS*>(handle);
    int rank = 0;
    MPI_Comm_rank(lammps->world, &rank);
    if (rank == 0) {
        for (FILE* out : {lammps->screen, lammps->logfile}) {
            if (out == nullptr) continue;
            std::fprintf(out, "ERROR: tensornet4j: %s\n", message.c_str());
            std::fflush(out);
        }
    }
    // Every rank reaches the same checks before a run; inside a run there is one rank.
    lammps_mpi_finalize();
    std::exit(1);
}

int worldSize(void* lammps) { return lammps_extract_setting(lammps, "world_size"); }

}  // namespace tn4j::lammps
