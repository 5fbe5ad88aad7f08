# Writes the JVM class path for native hosts: the freshly built classes first, then the bridge's
# runtime dependencies as Maven resolved them (java/bridge/target/classpath.txt).
file(READ ${ROOT}/java/bridge/target/classpath.txt deps)
string(STRIP "${deps}" deps)
set(cp "${ROOT}/java/core/target/classes:${ROOT}/java/bridge/target/classes:${deps}")
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
file(WRITE ${OUT} "${cp}\n")
