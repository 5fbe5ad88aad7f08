package org.tensornet4j.openmm.presets;

import org.bytedeco.javacpp.ClassProperties;
import org.bytedeco.javacpp.LoadEnabled;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * The plugin's public API (plugin/openmm/openmmapi/include) on top of {@link OpenMMPresets}: JNI library
 * {@code jniTensorNetPlugin}. It is compiled against the plugin's headers only, so Maven builds it
 * before CMake builds the plugin; its C++ symbols come from libTensorNetPluginOpenMM, which
 * {@link #init} loads with global visibility (see {@link PluginLibrary}) before the JNI library.
 */
@Properties(
        inherit = OpenMMPresets.class,
        target = "org.tensornet4j.openmm.mapping",
        global = "org.tensornet4j.openmm.mapping.global.TensorNetPlugin",
        value = @Platform(include = {"TensorNetForce.h", "MechanicalEmbedding.h"}))
public class TensorNetPresets implements InfoMapper, LoadEnabled {
    @Override
    public void map(InfoMap infoMap) {
        infoMap.put(new Info("TensorNetPlugin::TensorNetForce::createImpl").skip());
    }

    /** At run time (not while the build compiles the JNI library): the plugin's library first. */
    @Override
    public void init(ClassProperties properties) {
        if (Loader.isLoadLibraries() && !"false".equals(System.getProperty("org.bytedeco.javacpp.loadlibraries"))) {
            PluginLibrary.loadGlobal();
        }
    }
}
