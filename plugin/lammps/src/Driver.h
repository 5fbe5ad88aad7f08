#ifndef TN4J_LAMMPS_DRIVER_H_
#define TN4J_LAMMPS_DRIVER_H_

#include "FixExternalLink.h"

#include <memory>
#include <string>

namespace tn4j::lammps {

/** Runs a LAMMPS input script that holds a tensornet4j command on an open LAMMPS instance: the part
 * before the command, then the coupling (FixExternalLink), then the rest. A bad command or a failing
 * step ends the process as a LAMMPS error does (fatalError). */
class Driver {
public:
    explicit Driver(void* lammps) : lammps_(lammps) {}

    /** script: the input script's text. Returns when LAMMPS has run all of it. */
    void run(const std::string& script);

    /** The coupling made by the script's tensornet4j command (null before). */
    FixExternalLink* link() { return link_.get(); }

private:
    void runText(const std::string& text);
    std::string substituted(const std::string& arguments);

    void* lammps_;
    std::unique_ptr<FixExternalLink> link_;
};

}  // namespace tn4j::lammps

#endif
