/**
 * OpenMM from Java: the generated mapping ({@code org.tensornet4j.openmm.mapping}, one Java class per
 * OpenMM C++ class, same names except {@code OpenMMSystem} for {@code OpenMM::System}) and a thin layer
 * on top ({@link org.tensornet4j.openmm.OpenMM}: plugins, bulk arrays, checkpoints, XML) and the
 * simulation API ({@link org.tensornet4j.openmm.Simulation}).
 *
 * <p>Ownership. Every mapped object is a JavaCPP {@code Pointer}: {@code AutoCloseable}, and freed by
 * {@code close()} (or, as a last resort, when garbage collected) if Java allocated it. OpenMM takes some
 * objects over, and those must then not be freed from Java:
 * <ul>
 *   <li>a {@code Force} passed to {@code OpenMMSystem.addForce} belongs to the System: use
 *       {@link org.tensornet4j.openmm.OpenMM#addForce}, which hands it over;</li>
 *   <li>a {@code Context} refers to its System and Integrator without owning them: close the Context
 *       first, then the Integrator and the System ({@link org.tensornet4j.openmm.Simulation} does);</li>
 *   <li>a {@code Platform} (from {@code Platform.getPlatform}) belongs to OpenMM: never close it;</li>
 *   <li>a {@code State} from {@code Context.getState} is a copy owned by Java.</li>
 * </ul>
 */
package org.tensornet4j.openmm;
