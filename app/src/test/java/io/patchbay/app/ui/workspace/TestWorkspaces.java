package io.patchbay.app.ui.workspace;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.NewRelease;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Rows for UI tests, recorded the way the commands would (the kits themselves are not needed here). */
public final class TestWorkspaces {
    public static final String PERSON = "alice";
    public static final String WORKER = "worker-1";

    private TestWorkspaces() {
    }

    public static Release addRelease(Workspace ws, String product, String version, Instant released) {
        String sha = String.format("%064x", Math.abs((long) (product + version).hashCode()));
        return ws.releases().add(new NewRelease(manifest(product, version, released), "[release]\n",
                product + "-" + version + ".kit", sha, 1_000_000L, "SHA256:signer"), PERSON);
    }

    /** A release whose kit's bytes are in the workspace's kit store, as {@code release add} leaves it. */
    public static Release addReleaseWithKit(Workspace ws, String product, String version, byte[] kit) {
        String sha = ws.kits().put(new java.io.ByteArrayInputStream(kit));
        return ws.releases().add(new NewRelease(manifest(product, version, Instant.parse("2026-11-20T09:00:00Z")),
                "[release]\n", product + "-" + version + ".kit", sha, kit.length, "SHA256:signer"), PERSON);
    }

    private static Manifest manifest(String product, String version, Instant released) {
        return new Manifest(product, Version.parse(version), Version.parse("1.0"), Channel.STABLE, true, false,
                released, false, List.of());
    }

    public static Site addSite(Workspace ws, String name, String ring) {
        return ws.sites().add(SiteSpec.sftp(name, "sftp://patchbay@" + name + ".example:22/patchbay",
                Path.of("/keys/id_ed25519"), Path.of("/keys/known_hosts")).withRing(ring), PERSON);
    }
}
