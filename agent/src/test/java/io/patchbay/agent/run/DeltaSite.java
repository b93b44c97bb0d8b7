package io.patchbay.agent.run;

import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;

import io.patchbay.model.workspace.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real site running Spruce 12.10.11, installed through the agent from its full kit, and a delta kit to 12.10.12
 * beside the release's full kit: app.jar edited in three places (a patch), core.jar and start.sh as they were,
 * old.jar removed, new.jar added. The install root also holds the site's own conf.txt, which no kit knows.
 */
final class DeltaSite {
    static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    static final String BASE = "12.10.11";
    static final String RELEASE = "12.10.12";

    final Path dir;
    final AgentSite site;
    final Agent agent;
    final Path releasePayload;
    final Path baseKit;
    final Path releaseKit;
    final Path delta;
    final DeltaBuilder.Result built;
    /** The SHA-256 of the site's own conf.txt, which every install must leave alone. */
    private final String siteConf;

    DeltaSite(Path dir) throws Exception {
        this.dir = dir;
        site = new AgentSite(dir, null);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        siteConf = FileHashes.sha256(site.installRoot.resolve("conf.txt"));
        agent = site.agent(new MutableClock(MONDAY_9_UTC.plusSeconds(3600)));

        Path basePayload = payload("base", BASE);
        releasePayload = payload("release", RELEASE);
        byte[] jar = Files.readAllBytes(releasePayload.resolve("bin/app.jar"));
        for (int at : new int[] {1_000, 90_000, 150_000}) {
            jar[at] ^= 0x5a;
        }
        Files.write(releasePayload.resolve("bin/app.jar"), jar);
        Files.delete(releasePayload.resolve("lib/old.jar"));
        Files.write(releasePayload.resolve("lib/new.jar"), noise(3, 20_000));

        baseKit = kit(basePayload, manifest(BASE, List.of()));
        releaseKit = kit(releasePayload, manifest(RELEASE, List.of("lib/old.jar")));
        // Named as README's `kit delta` example: its report never shares a file name with the full kit's.
        delta = dir.resolve("build/delta/Spruce-" + BASE + "-" + RELEASE + ".delta.kit");
        Files.createDirectories(delta.getParent());
        built = new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(site.key.getPublic()),
                site.key.getPrivate(), delta));

        agent.receive(site.deliver(baseKit)).orElseThrow();
        agent.tick();
        assertEquals(PatchState.INSTALLED, site.report(baseKit.getFileName().toString()).state());
        assertEquals(Map.of("Spruce", BASE), agent.registry().installed());
    }

    /** {@code agent} knows the release installed, and the install root holds exactly its files and the site's own. */
    void assertRunsTheRelease(Agent agent, String why) throws IOException {
        assertEquals(Map.of("Spruce", RELEASE), agent.registry().installed());
        assertHoldsTheRelease(why);
    }

    /** The install root holds exactly the release's files (with their modes) and the site's own. */
    void assertHoldsTheRelease(String why) throws IOException {
        Map<String, String> expected = contents(releasePayload);
        expected.put("conf.txt", siteConf);
        assertEquals(expected, contents(site.installRoot), why);
    }

    static Manifest manifest(String version, List<String> remove) {
        return new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, true, false,
                MONDAY_9_UTC, false, remove);
    }

    /** bin/app.jar (200 kB), bin/start.sh (executable), lib/core.jar and lib/old.jar: the same bytes for every version. */
    Path payload(String name, String version) throws IOException {
        Path root = Files.createDirectories(dir.resolve("build/" + name + "/payload"));
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("lib"));
        Files.write(root.resolve("bin/app.jar"), noise(1, 200_000));
        Files.writeString(root.resolve("bin/start.sh"), "#!/bin/sh\nexec java -jar app.jar\n");
        Files.setPosixFilePermissions(root.resolve("bin/start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(root.resolve("lib/core.jar"), noise(2, 50_000));
        Files.writeString(root.resolve("lib/old.jar"), "old " + version);
        return root;
    }

    Path kit(Path payload, Manifest m) throws IOException {
        Path out = payload.resolveSibling("Spruce-" + m.version() + ".kit");
        new KitBuilder().build(new KitInputs(payload, m, null, null, null, site.key.getPrivate(), out));
        return out;
    }

    private static byte[] noise(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Every regular file below {@code root}: its SHA-256, and " x" when executable. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), FileHashes.sha256(p) + (Files.isExecutable(p) ? " x" : ""));
            }
        }
        return out;
    }
}
