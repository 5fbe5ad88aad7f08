"""tensornet4j from Python without PyTorch: TorchMD-Net TensorNet/TensorNet2 potentials run by the Java
model through the C ABI (libtensornet4j). The ASE calculator is tensornet4j.ase.TensorNetCalculator;
tensornet4j.capi is the thin ctypes binding it is built on."""
