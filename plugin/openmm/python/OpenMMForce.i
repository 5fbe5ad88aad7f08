// The one OpenMM class this module refers to. Debian's python3-simtk ships no SWIG interface files,
// so the base class is declared here and %import-ed: SWIG then derives TensorNetForce from the
// existing openmm.openmm.Force instead of wrapping OpenMM again.
namespace OpenMM {
class Force {
public:
    virtual ~Force();
    int getForceGroup() const;
    void setForceGroup(int group);
    virtual bool usesPeriodicBoundaryConditions() const;
};
}
