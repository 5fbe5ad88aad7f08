# The CUDA toolkit, when there is one: nvcc compiles the engine-layout kernels (native/kernels/gpu) and the
# CUDA test host (tests/gpu). A GPU is not needed to build, only to run them. -DTN4J_CUDA=OFF skips it all.
# Sets TN4J_CUDA_FOUND; gives CUDA::cudart_static (find_package(CUDAToolkit)) to every directory.
option(TN4J_CUDA "Build the CUDA kernels and the CUDA test host when a CUDA toolkit (nvcc) is found" ON)
set(TN4J_CUDA_FOUND OFF)
if(TN4J_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    # Ampere (sm_80) and Hopper (sm_90, with PTX that newer GPUs compile at load): two architectures keep
    # the build short; set CMAKE_CUDA_ARCHITECTURES for others.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 80-real 90)
    endif()
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(TN4J_CUDA_FOUND ON)
    message(STATUS "tensornet4j: CUDA ${CMAKE_CUDA_COMPILER_VERSION} found, building the CUDA kernels for ${CMAKE_CUDA_ARCHITECTURES}")
  else()
    message(STATUS "tensornet4j: no CUDA toolkit (nvcc) found, the CUDA kernels and test host are not built")
  endif()
endif()
