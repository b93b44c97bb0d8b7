package io.patchbay.agent.install;

import io.patchbay.model.kit.Manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One staged release to install on this site.
 *
 * @param manifest    the kit's parsed {@code kit.ini}
 * @param staging     the extracted kit: {@code payload/**}, optional {@code data/**} and {@code hooks/}
 * @param installRoot the site's install root, which the payload paths are relative to
 * @param dataRoot    the site's data root, or null when the site has none
 * @param hookTimeout how long each hook may run before it is killed and the install fails
 * @param kit         the kit file {@code staging} was extracted from, or null. With it, apply moves the staged
 *                    files into place instead of copying them (the staging folder is then consumed, see
 *                    {@link StagedKit}) and the post-install backup refers to the kit for every file the
 *                    install left exactly as the kit has it. Without it both copy.
 */
public record InstallRequest(Manifest manifest, Path staging, Path installRoot, Path dataRoot, Duration hookTimeout,
                             Path kit) {
    public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(10);

    public InstallRequest {
        Objects.requireNonNull(manifest, "manifest");
        staging = Objects.requireNonNull(staging, "staging").toAbsolutePath().normalize();
        installRoot = Objects.requireNonNull(installRoot, "installRoot").toAbsolutePath().normalize();
        dataRoot = dataRoot == null ? null : dataRoot.toAbsolutePath().normalize();
        kit = kit == null ? null : kit.toAbsolutePath().normalize();
        hookTimeout = hookTimeout == null ? DEFAULT_HOOK_TIMEOUT : hookTimeout;
        if (hookTimeout.isNegative() || hookTimeout.isZero()) {
            throw new IllegalArgumentException("hook timeout must be positive");
        }
    }

    public InstallRequest(Manifest manifest, Path staging, Path installRoot, Path dataRoot, Duration hookTimeout) {
        this(manifest, staging, installRoot, dataRoot, hookTimeout, null);
    }

    public InstallRequest(Manifest manifest, Path staging, Path installRoot, Path dataRoot) {
        this(manifest, staging, installRoot, dataRoot, DEFAULT_HOOK_TIMEOUT, null);
    }

}
