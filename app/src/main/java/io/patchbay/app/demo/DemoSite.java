package io.patchbay.app.demo;

import io.patchbay.model.policy.InstallMode;

/** One demo site: its name (also its SFTP user), ring, and whether its agent installs on its own. */
public record DemoSite(String name, String ring, InstallMode mode) {
}
