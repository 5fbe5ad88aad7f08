// Python bindings of TensorNetPlugin::TensorNetForce for OpenMM's Python API (module openmm).
%module(docstring="TensorNet (tensornet4j, a Java potential on LibTorch) as an OpenMM Force.") openmmtensornet4j

%{
#include "TensorNetForce.h"
#include "MechanicalEmbedding.h"
#include "openmm/OpenMMException.h"
#include <typeinfo>
%}

%include <std_string.i>
%include <std_vector.i>
%template(IntVector) std::vector<int>;

%import(module="openmm.openmm") "OpenMMForce.i"

// C++ exceptions become openmm.OpenMMException, as they do in OpenMM's own module.
%exception {
    try {
        $action
    } catch (const std::exception& e) {
        PyObject* openmm = PyImport_ImportModule("openmm");
        PyObject* type = openmm == NULL ? NULL : PyObject_GetAttrString(openmm, "OpenMMException");
        PyErr_Clear();
        PyErr_SetString(type != NULL ? type : PyExc_Exception, e.what());
        Py_XDECREF(type);
        Py_XDECREF(openmm);
        SWIG_fail;
    }
}

%feature("autodoc", "1");
%include "docstrings.i"

namespace TensorNetPlugin {

class TensorNetForce : public OpenMM::Force {
public:
    TensorNetForce(const std::string& checkpoint, const std::vector<int>& atomicNumbers);
    TensorNetForce(const std::string& className, const std::string& config);
    static const std::string& defaultClassName();

    const std::string& getClassName() const;
    const std::string& getConfig() const;
    std::string getCheckpoint() const;
    // Any Python value is accepted and written as JSON; a str is passed as given (JSON, or else a plain string).
    %feature("pythonprepend") setHyperParameter %{
        if not isinstance(value, str):
            import json
            value = json.dumps(value)
    %}
    void setHyperParameter(const std::string& name, const std::string& value);
    std::string getHyperParameters() const;
    std::vector<int> getAtomicNumbers() const;
    void setAtomicNumbers(const std::vector<int>& atomicNumbers);
    std::vector<int> getParticles() const;
    void setParticles(const std::vector<int>& particles);
    double getCharge() const;
    void setCharge(double charge);
    double getLengthScale() const;
    void setLengthScale(double nanometresPerUnit);
    void setLengthUnit(const std::string& name);
    const std::string& getEnergyUnit() const;
    void setEnergyUnit(const std::string& name);
    bool usesPeriodicBoundaryConditions() const;
    void setUsesPeriodicBoundaryConditions(bool periodic);
    int addGlobalParameter(const std::string& name, double defaultValue);
    int getNumGlobalParameters() const;
    const std::string& getGlobalParameterName(int index) const;
    void setGlobalParameterName(int index, const std::string& name);
    double getGlobalParameterDefaultValue(int index) const;
    void setGlobalParameterDefaultValue(int index, double defaultValue);

    // System.getForce() returns the base class: cast(force) gives the TensorNetForce back. The result
    // does not own the C++ object, so it keeps the Python object that does (e.g. the temporary that
    // XmlSerializer.deserialize returns) alive.
    %feature("pythonappend") cast %{
        val._owner = force
    %}
    %extend {
        static TensorNetPlugin::TensorNetForce& cast(OpenMM::Force& force) {
            auto* tensorNet = dynamic_cast<TensorNetPlugin::TensorNetForce*>(&force);
            if (tensorNet == nullptr) throw OpenMM::OpenMMException("this Force is not a TensorNetForce");
            return *tensorNet;
        }

        static bool isinstance(OpenMM::Force& force) {
            return dynamic_cast<TensorNetPlugin::TensorNetForce*>(&force) != nullptr;
        }
    }
};

// ML/MM (MechanicalEmbedding.h). The Python function createMixedSystem (mixed_system.py, below) takes a
// Topology and a checkpoint as openmm-ml does; this one takes a configured TensorNetForce.
%rename(createMixedSystemWithForce) createMixedSystem;
%newobject createMixedSystem;
OpenMM::System* createMixedSystem(const OpenMM::System& system, const std::vector<int>& mlAtoms,
                                  const TensorNetForce& mlForce, bool interpolate = false,
                                  bool removeConstraints = true, bool mlLongRange = false);

}  // namespace TensorNetPlugin

%insert("python") "mixed_system.py"

// The kernels are OpenMM plugins. A system install puts them in OpenMM's plugin directory, which
// `import openmm` loads; otherwise (a --prefix install, the build tree) this module loads them from the
// directory recorded next to it, so that no variable is needed. TN4J_PLUGIN_DIR, when set, names the
// directory to load instead (the build tree's tests and examples).
%pythoncode %{
plugin_load_failures = []


def _load_kernel_plugins():
    import os
    import openmm
    directory = os.environ.get("TN4J_PLUGIN_DIR")
    if not directory:
        if openmm.Platform.getPlatformByName("Reference").supportsKernels(["CalcTensorNetForce"]):
            return  # OpenMM loaded them from its plugin directory
        record = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openmmtensornet4j.kernels")
        try:
            with open(record) as file:
                directory = file.read().strip()
        except OSError:
            raise ImportError(f"{record} is missing, so the TensorNet kernel plugins cannot be found: reinstall "
                              "(cmake --install build) or set TN4J_PLUGIN_DIR to the directory holding "
                              "libTensorNetPluginReference.so") from None
    reference = os.path.join(directory, "libTensorNetPluginReference.so")
    if not os.path.exists(reference):
        raise ImportError(f"no TensorNet kernel plugin {reference}: reinstall (cmake --install build) or set "
                          "TN4J_PLUGIN_DIR to the directory holding libTensorNetPluginReference.so")
    openmm.Platform.loadPluginLibrary(reference)
    opencl = os.path.join(directory, "libTensorNetPluginOpenCL.so")
    if os.path.exists(opencl):
        try:
            openmm.Platform.loadPluginLibrary(opencl)
        except Exception as error:  # as OpenMM does: a platform whose libraries are missing is left out
            plugin_load_failures.append(str(error))


_load_kernel_plugins()
%}
