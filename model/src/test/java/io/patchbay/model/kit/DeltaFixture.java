package io.patchbay.model.kit;

import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Two real releases of one product built by {@link KitBuilder}, the base installed into a site's install root, and
 * the delta between them: one file unchanged, one edited in a few places (patched), one renamed by its version and
 * edited (patched against its namesake), one new (whole), one made executable, hooks and notes (whole).
 */
final class DeltaFixture {
    static final Version BASE = Version.parse("12.10.0");
    static final Version RELEASE = Version.parse("12.10.11");

    final Path dir;
    final KeyPair key;
    final Path baseKit;
    final Path releaseKit;
    final Path installRoot;
    final Path delta;
    final DeltaBuilder.Result built;

    DeltaFixture(Path dir, KeyPair key) throws IOException {
        this.dir = dir;
        this.key = key;
        SplittableRandom random = new SplittableRandom(12);
        byte[] jar = new byte[300_000];
        random.nextBytes(jar);
        Path old = dir.resolve("old");
        Files.createDirectories(old.resolve("lib"));
        Files.write(old.resolve("lib/app.jar"), jar);
        byte[] core = new byte[200_000];
        random.nextBytes(core);
        Files.write(old.resolve("lib/core-1.0.jar"), core);
        Files.writeString(old.resolve("readme.txt"), "Spruce, the same in both releases\n".repeat(200));
        Files.writeString(old.resolve("start.sh"), "#!/bin/sh\necho start\n");
        Path now = dir.resolve("new");
        Files.createDirectories(now.resolve("lib"));
        byte[] edited = jar.clone();
        for (int at : new int[]{1_000, 150_000, 299_000}) {
            for (int i = 0; i < 500; i++) {
                edited[at + i] ^= (byte) 0x5a;
            }
        }
        Files.write(now.resolve("lib/app.jar"), edited);
        byte[] renamed = core.clone();
        renamed[100_000] ^= 1;
        Files.write(now.resolve("lib/core-1.1.jar"), renamed);
        Files.writeString(now.resolve("readme.txt"), "Spruce, the same in both releases\n".repeat(200));
        Files.writeString(now.resolve("start.sh"), "#!/bin/sh\necho start\n").toFile().setExecutable(true);
        Files.writeString(now.resolve("lib/added.txt"), "a file the base does not have\n");
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        Files.writeString(hooks.resolve("install"), "#!/bin/sh\nexit 0\n");
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Spruce 12.10.11\n\n* smaller updates\n");

        baseKit = dir.resolve("spruce-12.10.0.kit");
        new KitBuilder().build(new KitInputs(dir.resolve("old"), manifest(BASE, List.of()), null, null, null,
                key.getPrivate(), baseKit));
        releaseKit = dir.resolve("spruce-12.10.11.kit");
        new KitBuilder().build(new KitInputs(dir.resolve("new"), manifest(RELEASE, List.of("lib/gone.jar")), notes, null,
                hooks, key.getPrivate(), releaseKit));

        installRoot = Files.createDirectories(dir.resolve("site/root"));
        try (var files = Files.walk(dir.resolve("old"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = installRoot.resolve(dir.resolve("old").relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        delta = dir.resolve("spruce-12.10.0-12.10.11.delta.kit");
        built = new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(key.getPublic()),
                key.getPrivate(), delta));
    }

    static Manifest manifest(Version version, List<String> remove) {
        return new Manifest("Spruce", version, BASE, io.patchbay.model.release.Channel.STABLE, true, false,
                java.time.Instant.parse("2026-11-20T09:00:00Z"), false, remove);
    }

    /** Every entry of a kit but its lists and signature, by name. */
    static Map<String, byte[]> entries(Path kit) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (KitReader reader = KitReader.open(kit)) {
            for (ZipEntryHeader e : reader.archive().entries()) {
                if (e.name().equals(KitLayout.CHECKSUMS) || e.name().equals(KitLayout.SIGNATURE)
                        || e.name().equals(KitLayout.SHA256SUMS)) {
                    continue;
                }
                try (InputStream in = reader.open(e, e.size())) {
                    out.put(e.name(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** The delta with its entries changed by {@code change}, signed again with the same key: a lie the key tells. */
    Path resigned(String name, Consumer<Map<String, byte[]>> change) throws Exception {
        return HostileDeltas.resigned(delta, key, dir.resolve(name), change);
    }
}
