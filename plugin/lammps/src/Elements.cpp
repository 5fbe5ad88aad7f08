#include "Elements.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace tn4j::lammps {

namespace {
// H (1) to Og (118), in order.
const char* const kSymbols =
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr "
    "Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb "
    "Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf "
    "Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og";

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}
}  // namespace

int atomicNumber(const std::string& symbol) {
    std::istringstream table(kSymbols);
    std::string candidate;
    for (int z = 1; table >> candidate; z++) {
        if (lower(candidate) == lower(symbol)) return z;
    }
    return 0;
}

}  // namespace tn4j::lammps
