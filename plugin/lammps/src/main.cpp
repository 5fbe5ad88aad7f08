/* tn4j-lammps: runs a LAMMPS input script with a tensornet4j potential, on Debian's LAMMPS library.
 *
 *   tn4j-lammps -in in.script [LAMMPS command-line options: -log FILE, -screen FILE, -var NAME VALUE ...]
 *
 * Without -in the script comes from standard input. The script declares
 *   fix ID all external pf/callback 1 1
 *   tensornet4j ID model PATH.ckpt elements E1 E2 ... [charge Q] [energy_unit UNIT] ...
 * (see plugin/lammps/README.md). One MPI rank. */
#include "Driver.h"

#include <lammps/library.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {
bool readScript(const std::string& path, std::string& text) {
    std::ostringstream content;
    if (path.empty()) {
        content << std::cin.rdbuf();
    } else {
        std::ifstream in(path);
        if (!in) return false;
        content << in.rdbuf();
    }
    text = content.str();
    return true;
}
}  // namespace

int main(int argc, char** argv) {
    // -in/-i FILE is ours (LAMMPS would read the file itself); every other argument goes to LAMMPS.
    std::string inputPath;
    std::vector<char*> lammpsArgs = {argv[0]};
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        if ((arg == "-in" || arg == "-i") && i + 1 < argc) {
            inputPath = argv[++i];
        } else if (arg == "-h" || arg == "-help" || arg == "--help") {
            std::cout << "usage: tn4j-lammps -in in.script [LAMMPS options: -log FILE, -screen FILE, -var NAME VALUE, ...]\n"
                         "The script declares 'fix ID all external pf/callback 1 1' and\n"
                         "'tensornet4j ID model PATH.ckpt elements E1 E2 ... [charge Q] [energy_unit UNIT]'.\n"
                         "One MPI rank; units metal or real. See plugin/lammps/README.md.\n";
            return 0;
        } else {
            lammpsArgs.push_back(argv[i]);
        }
    }
    std::string script;
    if (!readScript(inputPath, script)) {
        std::cerr << "ERROR: tensornet4j: cannot read the input script " << inputPath << "\n";
        return 1;
    }
    void* lammps = lammps_open_no_mpi(static_cast<int>(lammpsArgs.size()), lammpsArgs.data(), nullptr);
    if (lammps == nullptr) {
        std::cerr << "ERROR: tensornet4j: LAMMPS could not start\n";
        return 1;
    }
    {
        tn4j::lammps::Driver driver(lammps);
        driver.run(script);
        lammps_close(lammps);
    }
    lammps_mpi_finalize();
    return 0;
}
