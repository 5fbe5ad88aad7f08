# Run by 'cmake --install' (native/CMakeLists.txt): copies the jars libtensornet4j's JVM needs into
# <prefix>/lib/tensornet4j/ and writes <prefix>/lib/tensornet4j.classpath naming them relative to the
# file's directory (JvmHost.cpp resolves them), so the installed tree never refers to the build tree or
# ~/.m2 and can be moved. Inputs: TN4J_ROOT (source tree, Maven output), TN4J_STAGING (a build
# directory for the file before it is installed), CMAKE_INSTALL_PREFIX (the install-time prefix).
file(GLOB bridge_jar ${TN4J_ROOT}/java/bridge/target/tensornet4j-bridge-*.jar)
list(FILTER bridge_jar EXCLUDE REGEX "-(sources|javadoc|tests)\\.jar$")
set(deps_file ${TN4J_ROOT}/java/bridge/target/classpath.txt)
if(NOT bridge_jar OR NOT EXISTS ${deps_file})
  message(FATAL_ERROR "the Java side is not built (no ${TN4J_ROOT}/java/bridge/target/tensornet4j-bridge-*.jar "
                      "or ${deps_file}): run 'cmake --build' before 'cmake --install'")
endif()
file(READ ${deps_file} deps)
string(STRIP "${deps}" deps)
string(REPLACE ":" ";" deps "${deps}")

set(entries "")
set(names "")
foreach(jar IN LISTS bridge_jar deps)
  get_filename_component(name ${jar} NAME)
  list(FIND names ${name} seen)
  if(seen GREATER -1)
    message(FATAL_ERROR "two jars named ${name} on the class path (${jar}): they would overwrite each other when installed")
  endif()
  list(APPEND names ${name})
  list(APPEND entries tensornet4j/${name})
  file(INSTALL ${jar} DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/tensornet4j)
endforeach()
string(REPLACE ";" ":" classpath "${entries}")
file(WRITE ${TN4J_STAGING}/installed/tensornet4j.classpath "${classpath}\n")
file(INSTALL ${TN4J_STAGING}/installed/tensornet4j.classpath DESTINATION ${CMAKE_INSTALL_PREFIX}/lib)
