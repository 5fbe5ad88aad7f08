# What the native tests of every part share: the engine-neutral tests (tests/CMakeLists.txt) and each
# engine's own (plugin/<engine>/tests). Included by the top-level CMakeLists.txt before plugin/ and tests/.
# Sets TN4J_FIXTURES (the TorchMD-Net fixtures), TN4J_JAVA_HOME (the JDK the tests run) and
# TN4J_TEST_CLASSES (the compiled Java test potentials, target java_test_potentials).
find_package(nlohmann_json REQUIRED)
find_package(Threads REQUIRED)

get_filename_component(TN4J_FIXTURES ${CMAKE_CURRENT_LIST_DIR}/../fixtures ABSOLUTE)
set(TN4J_JAVA_HOME ${TN4J_JDK})

# Java test potentials (tests/java): a closed form for the general (class + config) form, and one
# that misbehaves on purpose; the C ABI and engine tests put them on the JVM's class path.
set(TN4J_TEST_CLASSES ${CMAKE_BINARY_DIR}/tests/java-classes)
set(java_test_sources)
set(java_test_classes)
foreach(name HarmonicTestPotential MisbehavingTestPotential)
  list(APPEND java_test_sources ${CMAKE_CURRENT_LIST_DIR}/../java/org/tensornet4j/testing/${name}.java)
  list(APPEND java_test_classes ${TN4J_TEST_CLASSES}/org/tensornet4j/testing/${name}.class)
endforeach()
add_custom_command(
    OUTPUT ${java_test_classes}
    COMMAND ${CMAKE_COMMAND} -DJAVAC=${TN4J_JAVA_HOME}/bin/javac -DCLASSPATH_FILE=${CMAKE_BINARY_DIR}/lib/tensornet4j.classpath
            -DOUT=${TN4J_TEST_CLASSES} "-DSOURCES=${java_test_sources}" -P ${CMAKE_CURRENT_LIST_DIR}/../java/compile.cmake
    DEPENDS ${java_test_sources} java
    COMMENT "Compiling the Java test potentials"
    VERBATIM)
add_custom_target(java_test_potentials ALL DEPENDS ${java_test_classes})
