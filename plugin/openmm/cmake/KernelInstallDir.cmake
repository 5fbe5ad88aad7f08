# Run by 'cmake --install' (plugin/openmm/CMakeLists.txt): sets TN4J_KERNEL_DIR, where the kernel plugins go for the
# prefix chosen at install time. A system prefix (/usr/local, /usr) puts them in OpenMM's plugin directory,
# which `import openmm` and Platform::loadPluginsFromDirectory(getDefaultPluginsDirectory()) load; any other
# prefix keeps them under it, in <prefix>/lib/plugins (OpenMM's own layout in a conda prefix), where the
# Python module loads them itself. Inputs: OPENMM_PLUGIN_DIR, TN4J_KERNEL_INSTALL_DIR (set: used as is).
string(REGEX REPLACE "(.)/+$" "\\1" prefix "${CMAKE_INSTALL_PREFIX}")
if(TN4J_KERNEL_INSTALL_DIR)
  set(TN4J_KERNEL_DIR ${TN4J_KERNEL_INSTALL_DIR})
elseif(prefix STREQUAL "/usr/local" OR prefix STREQUAL "/usr")
  set(TN4J_KERNEL_DIR ${OPENMM_PLUGIN_DIR})
else()
  set(TN4J_KERNEL_DIR ${prefix}/lib/plugins)
endif()
