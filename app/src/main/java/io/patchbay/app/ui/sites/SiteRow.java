package io.patchbay.app.ui.sites;

import io.patchbay.model.workspace.Site;

/** One line of the sites table. */
public record SiteRow(Site site, String name, String kind, String endpoint, String ring, String channel,
                      String timeZone) {
    public static SiteRow of(Site s) {
        return new SiteRow(s, s.name(), s.spec().transport().word(), s.spec().endpoint().toString(), s.ring(),
                s.spec().channel().word(), s.spec().timeZone().getId());
    }
}
