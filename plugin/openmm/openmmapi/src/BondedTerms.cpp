#include "internal/BondedTerms.h"

#include "openmm/serialization/SerializationNode.h"
#include "openmm/serialization/SerializationProxy.h"

#include <algorithm>
#include <string>
#include <typeinfo>
#include <unordered_set>

using OpenMM::SerializationNode;
using OpenMM::SerializationProxy;

namespace TensorNetPlugin {
namespace {

// The attributes openmm-ml reads for the atoms of each kind of term (it reads only p1 and p2 of a <Bond>,
// also of a CustomCompoundBondForce's bond with more atoms; a CMAP <Torsion> has a1..a4 and b1..b4).
const std::vector<std::string> BOND_ATOMS = {"p1", "p2"};
const std::vector<std::string> ANGLE_ATOMS = {"p1", "p2", "p3"};
const std::vector<std::string> TORSION_ATOMS = {"p1", "p2", "p3", "p4"};
const std::vector<std::string> CMAP_ATOMS = {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"};

const std::vector<std::string>& atomNames(const SerializationNode& term) {
    if (term.getName() == "Bond") return BOND_ATOMS;
    if (term.getName() == "Angle") return ANGLE_ATOMS;
    return term.hasProperty("p1") ? TORSION_ATOMS : CMAP_ATOMS;
}

// A term whose atoms are not named by these attributes (a CustomCentroidBondForce bond joins groups, g1, g2,
// ...) is never internal to the ML region: it stays in the mixed System. openmm-ml fails on it (KeyError).
bool allIn(const SerializationNode& term, const std::unordered_set<int>& atoms) {
    for (const std::string& name : atomNames(term)) {
        if (!term.hasProperty(name) || atoms.count(term.getIntProperty(name)) == 0) return false;
    }
    return true;
}

void removeTerms(SerializationNode& force, const std::unordered_set<int>& atoms, bool removeInSet) {
    static const std::vector<std::pair<std::string, std::string>> LISTS = {
        {"Bonds", "Bond"}, {"Angles", "Angle"}, {"Torsions", "Torsion"}};
    for (SerializationNode& list : force.getChildren()) {
        for (const auto& kind : LISTS) {
            if (list.getName() != kind.first) continue;
            std::vector<SerializationNode>& terms = list.getChildren();
            terms.erase(std::remove_if(terms.begin(), terms.end(), [&](const SerializationNode& term) {
                return term.getName() == kind.second && allIn(term, atoms) == removeInSet;
            }), terms.end());
        }
    }
}

}  // namespace

OpenMM::System* copyRemovingBondedTerms(const OpenMM::System& system, const std::vector<int>& atoms, bool removeInSet) {
    const SerializationProxy& proxy = SerializationProxy::getProxy(typeid(OpenMM::System));
    SerializationNode root;
    proxy.serialize(&system, root);
    const std::unordered_set<int> atomSet(atoms.begin(), atoms.end());
    for (SerializationNode& force : root.getChildNode("Forces").getChildren()) removeTerms(force, atomSet, removeInSet);
    return static_cast<OpenMM::System*>(proxy.deserialize(root));
}

OpenMM::Force* cloneForce(const OpenMM::Force& force) {
    const SerializationProxy& proxy = SerializationProxy::getProxy(typeid(force));
    SerializationNode node;
    proxy.serialize(&force, node);
    return static_cast<OpenMM::Force*>(proxy.deserialize(node));
}

}  // namespace TensorNetPlugin
