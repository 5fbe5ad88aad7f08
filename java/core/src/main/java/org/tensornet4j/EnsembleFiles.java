package org.tensornet4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * Finds and loads the members of an {@link Ensemble}: a list of checkpoints, or a {@code .zip} of
 * them. {@link Ensemble} itself only averages.
 */
public final class EnsembleFiles {
    private EnsembleFiles() {}

    /**
     * One checkpoint as a {@link TensorNetPotential}, a single {@code .zip} of checkpoints or several
     * checkpoints as an {@link Ensemble}, every checkpoint loaded with the same hyper-parameter overrides.
     */
    public static Potential load(List<Path> models, Device device, Map<String, Object> overrides, NeighborStrategy neighbors) {
        if (models == null || models.isEmpty()) throw new IllegalArgumentException("no model given: name a checkpoint, several, or a zip of them");
        if (models.size() == 1 && !isZip(models.get(0))) return TensorNetPotential.load(models.get(0), device, overrides, neighbors);
        if (models.size() == 1) return loadZip(models.get(0), device, overrides, neighbors);
        return loadAll(models, device, overrides, neighbors);
    }

    /** An ensemble of the given checkpoints (at least two), each loaded with the same overrides. */
    public static Ensemble loadAll(List<Path> checkpoints, Device device, Map<String, Object> overrides, NeighborStrategy neighbors) {
        if (checkpoints.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two checkpoints, got " + checkpoints.size()
                    + "; load a single checkpoint with TensorNetPotential.load");
        }
        for (Path p : checkpoints) {
            if (isZip(p)) throw new IllegalArgumentException(p + " is a zip of checkpoints: give it alone, not among other checkpoints");
        }
        List<TensorNetPotential> loaded = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (Path p : checkpoints) {
                loaded.add(TensorNetPotential.load(p, device, overrides, neighbors));
                names.add(p.toString());
            }
            return Ensemble.of(loaded, names);
        } catch (RuntimeException e) {
            loaded.forEach(TensorNetPotential::close);
            throw e;
        }
    }

    /** Every {@code .ckpt} file in a zip archive (any folder, in name order) as one ensemble. */
    public static Ensemble loadZip(Path zip, Device device, NeighborStrategy neighbors) {
        return loadZip(zip, device, Map.of(), neighbors);
    }

    /** As {@link #loadZip(Path, Device, NeighborStrategy)}, every member loaded with the same overrides. */
    public static Ensemble loadZip(Path zip, Device device, Map<String, Object> overrides, NeighborStrategy neighbors) {
        List<TensorNetPotential> loaded = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (ZipEntry entry : Collections.list(archive.entries())) {
                all.add(entry.getName());
                if (!entry.isDirectory() && entry.getName().endsWith(".ckpt")) entries.add(entry);
            }
            if (entries.isEmpty()) {
                boolean checkpoint = all.stream().anyMatch(n -> n.endsWith("data.pkl"));
                throw new IllegalArgumentException(zip + " holds no .ckpt files" + (checkpoint
                        ? ": it looks like a single checkpoint (torch.save zip); rename it to .ckpt"
                        : "; an ensemble zip holds one TorchMD-Net checkpoint (.ckpt) per member, found: " + all));
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                Path tmp = Files.createTempFile("tn4j-member-", ".ckpt");
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    loaded.add(TensorNetPotential.load(tmp, device, overrides, neighbors));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(zip + "!" + entry.getName() + ": " + e.getMessage(), e);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                names.add(zip + "!" + entry.getName());
            }
            if (loaded.size() < 2) {
                throw new IllegalArgumentException(zip + " holds one checkpoint (" + entries.get(0).getName()
                        + "): an ensemble needs at least two; load it alone instead");
            }
            return Ensemble.of(loaded, names);
        } catch (IOException e) {
            loaded.forEach(TensorNetPotential::close);
            throw new UncheckedIOException("cannot read the ensemble zip " + zip + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            loaded.forEach(TensorNetPotential::close);
            throw e;
        }
    }

    private static boolean isZip(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }
}
