# Compiles the Java test potentials against the project's class path (read at build time from the
# tensornet4j.classpath file that the 'java' target writes). Arguments: JAVAC, CLASSPATH_FILE, OUT, SOURCES (;-list).
file(READ ${CLASSPATH_FILE} cp)
string(STRIP "${cp}" cp)
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${JAVAC} -nowarn -cp ${cp} -d ${OUT} ${SOURCES} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "javac failed for the Java test potentials")
endif()
