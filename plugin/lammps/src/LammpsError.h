#ifndef TN4J_LAMMPS_LAMMPS_ERROR_H_
#define TN4J_LAMMPS_LAMMPS_ERROR_H_

#include <string>

namespace tn4j::lammps {

/** Ends the run the way a LAMMPS error does (Debian's library is built without exceptions, so LAMMPS
 * stops the process on its own errors too, and no C API function raises one): "ERROR: tensornet4j:
 * <message>" on LAMMPS's screen and in its log file (first rank), MPI finalized, exit status 1. Safe to
 * call inside a run (from the fix external callback). */
[[noreturn]] void fatalError(void* lammps, const std::string& message);

/** LAMMPS's number of MPI ranks. */
int worldSize(void* lammps);

}  // namespace tn4j::lammps

#endif
