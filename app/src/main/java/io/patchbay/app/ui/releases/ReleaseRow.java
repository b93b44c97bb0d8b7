package io.patchbay.app.ui.releases;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.model.workspace.Release;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** One line of the releases table, as text a person reads. */
public record ReleaseRow(Release release, String product, String version, String channel, String flags,
                         String released, String pulled, String size, String signer) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", java.util.Locale.ENGLISH);

    public static ReleaseRow of(Release r, ZoneId zone) {
        List<String> flags = new ArrayList<>();
        flags.add(r.automatic() ? "automatic" : "manual");
        if (r.major()) {
            flags.add("major");
        }
        String pulled = r.pulled() ? "pulled " + WHEN.format(r.pulledAt().atZone(zone)) + ": " + r.pulledReason() : "";
        return new ReleaseRow(r, r.product(), r.version().toString(), r.channel().word(), String.join(", ", flags),
                WHEN.format(r.releasedAt().atZone(zone)), pulled, ScreenLayout.size(r.kitSize()),
                r.signerFingerprint());
    }
}
