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
