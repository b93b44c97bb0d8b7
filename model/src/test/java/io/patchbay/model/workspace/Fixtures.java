package io.patchbay.model.workspace;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Rows a test needs, built the way the real commands would. */
final class Fixtures {
    static final String PERSON = "alice";
    static final String WORKER = "worker-1";

    private Fixtures() {
    }

    static NewRelease release(String product, String version, Channel channel) {
        Manifest m = new Manifest(product, Version.parse(version), Version.parse("1.0"), channel, true, false,
                Instant.parse("2026-11-20T09:00:00Z"), true, List.of());
        String text = "[release]\nproduct = " + product + "\nversion = " + version + "\n";
        String sha = String.format("%064x", Math.abs((long) (product + version).hashCode()));
        return new NewRelease(m, text, product + "-" + version + ".kit", sha, 1_000_000L, "SHA256:signer");
    }

    /** A real kit of Spruce {@code version}, signed with {@code key}, built in {@code dir}. */
    static Path signedKit(Path dir, String version, java.security.KeyPair key) throws java.io.IOException {
        Path source = java.nio.file.Files.createDirectories(dir.resolve("src-" + version));
        java.nio.file.Files.writeString(source.resolve("app.jar"), "jar " + version);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path out = dir.resolve("Spruce-" + version + ".kit");
        new io.patchbay.model.kit.KitBuilder(1).build(new io.patchbay.model.kit.KitInputs(source, m, null, null, null,
                key.getPrivate(), out));
        return out;
    }

    static Release addRelease(Workspace ws, String version) {
        return ws.releases().add(release("Spruce", version, Channel.STABLE), PERSON);
    }

    static SiteSpec site(String name, String ring) {
        return SiteSpec.sftp(name, "sftp://patchbay@" + name + ".example:22/patchbay", Path.of("/keys/id_ed25519"),
                Path.of("/keys/known_hosts")).withRing(ring);
    }

    static Site addSite(Workspace ws, String name) {
        return ws.sites().add(site(name, "broad"), PERSON);
    }
}
