package io.patchbay.model.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where this machine finds the secrets of the sites: private keys and tokens never go into the workspace database
 * (a team shares it), they stay files on each machine that sends. A machine keeps them in its credentials folder,
 * by site name: {@code FOLDER/SITE/identity} (the SSH private key of an SFTP site) and {@code FOLDER/SITE/token}
 * (the bearer token of an HTTPS site). The folder is {@code WORKSPACE/credentials} unless named with
 * {@code --credentials DIR} or {@code $PATCHBAY_CREDENTIALS}. A file not there is looked for at the path
 * recorded with the site (where it was on the machine that added it), so one person's workspace needs no folder.
 */
public final class SiteCredentials {
    public static final String IDENTITY = "identity";
    public static final String TOKEN = "token";

    private final Path folder;

    public SiteCredentials(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    public Path folder() {
        return folder;
    }

    /** The SFTP site's private key on this machine, or a {@link MissingCredential} naming both places looked. */
    public Path identityFile(Site site) {
        return find(site, IDENTITY, site.spec().identityFile(), "SSH identity (private key)");
    }

    /** The HTTPS site's bearer token file on this machine, or a {@link MissingCredential}. */
    public Path tokenFile(Site site) {
        return find(site, TOKEN, site.spec().tokenFile(), "bearer token");
    }

    /** Where this machine's copy of {@code site}'s secret named {@code name} belongs. */
    public Path mapped(String site, String name) {
        SiteSpec.requireName(site);
        return folder.resolve(site).resolve(name);
    }

    private Path find(Site site, String name, Path recorded, String what) {
        Path mapped = mapped(site.name(), name);
        if (Files.isRegularFile(mapped)) {
            return mapped;
        }
        if (recorded != null && Files.isRegularFile(recorded)) {
            return recorded;
        }
        throw new MissingCredential(site.name(), what, mapped, recorded);
    }
}
