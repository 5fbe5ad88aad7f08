# OpenMM has no CMake config on Debian: find its headers and libraries directly and describe them as
# imported targets. Sets OPENMM_FOUND, OPENMM_PLUGIN_DIR (where OpenMM loads plugins from) and, when
# the OpenCL platform is present, OPENMM_OPENCL_FOUND (the kernel uses openmm/common/* only: no
# OpenCL headers needed).
find_path(OPENMM_INCLUDE_DIR OpenMM.h PATH_SUFFIXES openmm)
find_library(OPENMM_LIBRARY OpenMM)
set(OPENMM_FOUND FALSE)
if(NOT OPENMM_INCLUDE_DIR OR NOT OPENMM_LIBRARY)
  return()
endif()
set(OPENMM_FOUND TRUE)
add_library(OpenMM::OpenMM SHARED IMPORTED)
set_target_properties(OpenMM::OpenMM PROPERTIES
    IMPORTED_LOCATION ${OPENMM_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${OPENMM_INCLUDE_DIR})

# The directory OpenMM loads plugins from, as OpenMM itself reports it (Python), else next to libOpenMM.
# Debian's openmm module belongs to the system Python; other Pythons on the machine cannot import it.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python that imports openmm")
endif()
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  execute_process(COMMAND ${Python3_EXECUTABLE} -c "import openmm; print(openmm.Platform.getDefaultPluginsDirectory())"
                  OUTPUT_VARIABLE detected_plugin_dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
if(NOT detected_plugin_dir)
  get_filename_component(openmm_lib_dir ${OPENMM_LIBRARY} DIRECTORY)
  set(detected_plugin_dir ${openmm_lib_dir}/openmm/plugins)
endif()
set(OPENMM_PLUGIN_DIR ${detected_plugin_dir} CACHE PATH "OpenMM's plugin directory: where 'install' puts the TensorNet kernel plugins")

find_library(OPENMM_OPENCL_LIBRARY OpenMMOpenCL HINTS ${OPENMM_PLUGIN_DIR} NO_DEFAULT_PATH)
set(OPENMM_OPENCL_FOUND FALSE)
if(OPENMM_OPENCL_LIBRARY AND EXISTS ${OPENMM_INCLUDE_DIR}/openmm/opencl/OpenCLPlatform.h)
  set(OPENMM_OPENCL_FOUND TRUE)
  add_library(OpenMM::OpenCL SHARED IMPORTED)
  set_target_properties(OpenMM::OpenCL PROPERTIES
      IMPORTED_LOCATION ${OPENMM_OPENCL_LIBRARY}
      INTERFACE_LINK_LIBRARIES OpenMM::OpenMM)
endif()
