// A stand-in named libtorch_cpu.so: loading it first makes the process look like one that already
// holds a foreign LibTorch (e.g. Python after `import torch`), which tensornet4j must refuse clearly.
extern "C" int tn4j_test_fake_libtorch_marker() { return 42; }
