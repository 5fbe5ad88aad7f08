// Adds forces computed on the host to the platform's force buffer. Written in OpenMM's common kernel
// dialect (KERNEL, GLOBAL, ...), which ComputeContext::compileProgram defines. hostForces is indexed
// by System particle (3 reals each, zero for particles the force does not apply to); the force
// buffer is in the platform's current atom order, which atomIndex maps back to System particles.
KERNEL void addForces(GLOBAL const real* RESTRICT hostForces, GLOBAL real4* RESTRICT forceBuffers,
                      GLOBAL const int* RESTRICT atomIndex, int numAtoms) {
    for (int i = GLOBAL_ID; i < numAtoms; i += GLOBAL_SIZE) {
        int atom = atomIndex[i];
        real4 f = forceBuffers[i];
        f.x += hostForces[3*atom];
        f.y += hostForces[3*atom+1];
        f.z += hostForces[3*atom+2];
        forceBuffers[i] = f;
    }
}
