// The OpenMM classes this module refers to. Debian's python3-simtk ships no SWIG interface files,
// so they are declared here and %import-ed: SWIG then derives TensorNetForce from the existing
// openmm.openmm.Force, and createMixedSystemWithForce takes and returns openmm.openmm.System, instead
// of wrapping OpenMM again.
namespace OpenMM {
class Force {
public:
    virtual ~Force();
    int getForceGroup() const;
    void setForceGroup(int group);
    virtual bool usesPeriodicBoundaryConditions() const;
};
class System {
public:
    ~System();
    int getNumParticles() const;
};
}
