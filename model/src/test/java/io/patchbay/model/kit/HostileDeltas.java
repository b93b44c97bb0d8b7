package io.patchbay.model.kit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real delta kit changed the way an attacker holding a trusted key (or a broken build) would, and signed again with
 * that key, so that only the delta's own rules can refuse it: for the model's tests and the agent's site tests.
 */
public final class HostileDeltas {
    private HostileDeltas() {
    }

    /** {@code delta} with its entries changed by {@code change}, signed again with {@code key}, written to {@code out}. */
    public static Path resigned(Path delta, KeyPair key, Path out, Consumer<Map<String, byte[]>> change) throws Exception {
        Map<String, byte[]> files = DeltaFixture.entries(delta);
        change.accept(files);
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        return TestKits.signedKit(out, key, files, l -> { }, e -> { });
    }

    /** {@code file}'s patch with one byte flipped near its end: it no longer decodes to the release's file. */
    public static Consumer<Map<String, byte[]>> corruptPatch(String file) {
        return files -> {
            byte[] patch = files.get(KitLayout.DELTA_PATCH + file);
            patch[Math.max(0, patch.length - 20)] ^= (byte) 0xff;
        };
    }

    /** A patch for {@code file} that turns {@code base} into {@code size} bytes, more than the release declares. */
    public static Consumer<Map<String, byte[]>> inflatingPatch(String file, byte[] base, int size) {
        byte[] bomb = new byte[size]; // zeros after the base: a few kB of patch
        System.arraycopy(base, 0, bomb, 0, Math.min(base.length, size));
        byte[] patch = DeltaPatch.make(base, bomb);
        return files -> files.put(KitLayout.DELTA_PATCH + file, patch);
    }

    /** {@code file}, carried whole, turned into a patch: a patch for a file the base does not have. */
    public static Consumer<Map<String, byte[]>> patchForANewFile(String file) {
        return files -> files.put(KitLayout.DELTA_PATCH + file, files.remove(KitLayout.DELTA_WHOLE + file));
    }

    /** The delta says the patch for {@code file} reads {@code base} (a path trick, a file the base lacks). */
    public static Consumer<Map<String, byte[]>> patchedFrom(String file, String base) {
        return files -> files.put(KitLayout.DELTA_PATCHED_FROM,
                new PatchedFrom(Map.of(file, base)).toBytes());
    }

    /** The release's list names {@code file} as {@code trick} instead (e.g. {@code payload/../../etc/cron.d/x}). */
    public static Consumer<Map<String, byte[]>> pathTrick(String file, String trick) {
        return files -> {
            String list = new String(files.get(KitLayout.DELTA_CHECKSUMS), StandardCharsets.UTF_8);
            files.put(KitLayout.DELTA_CHECKSUMS, list.replace(" " + file, " " + trick).getBytes(StandardCharsets.UTF_8));
        };
    }
}
