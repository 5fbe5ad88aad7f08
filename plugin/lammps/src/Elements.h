#ifndef TN4J_LAMMPS_ELEMENTS_H_
#define TN4J_LAMMPS_ELEMENTS_H_

#include <string>

namespace tn4j::lammps {

/** Atomic number (1..118) of an element symbol ("O", "cl", "FE"), or 0 when it names no element.
 * The C++ side of org.tensornet4j.Elements: LAMMPS types are named by symbol in the input script. */
int atomicNumber(const std::string& symbol);

}  // namespace tn4j::lammps

#endif
