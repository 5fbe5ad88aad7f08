# Where 'install' puts tensornet4j's Python modules (openmmtensornet4j, the tensornet4j package), one place for
# every engine's Python part. In: Python3_EXECUTABLE, Python3_VERSION_MAJOR/MINOR.
# Out: TN4J_PYTHON_INSTALL_DIR (cache; relative: under the install prefix) and tn4j_python_dest_at_install (the
# same as an absolute path evaluated at install time, for install(CODE)).
if(NOT DEFINED TN4J_PYTHON_INSTALL_DIR)
  # The directory the same Python imports from under /usr/local (Debian: lib/python3.11/dist-packages), or under
  # its own prefix (venv, conda).
  execute_process(COMMAND ${Python3_EXECUTABLE} -c
      "import os, sys, sysconfig; p = sysconfig.get_path('purelib'); print(next((os.path.relpath(p, b) for b in ('/usr/local', sys.prefix) if p.startswith(b + '/')), ''))"
      OUTPUT_VARIABLE detected_python_dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT detected_python_dir)
    set(detected_python_dir lib/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/site-packages)
  endif()
  set(TN4J_PYTHON_INSTALL_DIR ${detected_python_dir}
      CACHE PATH "Where 'install' puts the Python modules openmmtensornet4j and tensornet4j (relative: under the install prefix)")
endif()
if(IS_ABSOLUTE ${TN4J_PYTHON_INSTALL_DIR})
  set(tn4j_python_dest_at_install ${TN4J_PYTHON_INSTALL_DIR})
else()
  set(tn4j_python_dest_at_install "\${CMAKE_INSTALL_PREFIX}/${TN4J_PYTHON_INSTALL_DIR}")
endif()
