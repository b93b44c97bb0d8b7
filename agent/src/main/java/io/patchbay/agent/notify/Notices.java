package io.patchbay.agent.notify;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The wording of the agent's notices, after the Spruce automatic-update messages the sites know. Times are
 * written in the site's time zone.
 */
public final class Notices {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    private final String site;
    private final ZoneId zone;
    private final Path home;

    /** @param home the agent home, as the operator types it in the commands a notice suggests */
    public Notices(String site, ZoneId zone, Path home) {
        this.site = site;
        this.zone = zone;
        this.home = home.toAbsolutePath().normalize();
    }

    /**
     * A kit was received and verified. The seed's promise ("if no success confirmation follows within 60
     * minutes...") is made only when {@code installsNow}: the kit will install by itself at once, so silence
     * means trouble; otherwise the notice says it waits.
     */
    public Notice downloadReceived(String release, boolean installsNow, Instant at) {
        return new Notice(Notice.Kind.DOWNLOAD_RECEIVED,
                "[" + site + "] Received " + release,
                "Received the kit for " + release + " at " + format(at) + ".\n"
                        + (installsNow
                        ? "It installs now. If this message is not followed in 60 minutes by a success confirmation, "
                        + "contact support during regular support hours the following business day.\n"
                        : "It does not install right away: the site's rules decide when (see patchbay agent list).\n"),
                at);
    }

    /** A kit started arriving ({@code file} is what is being written: a kit name, or an upload's). */
    public Notice downloadStarted(String file, Instant at) {
        return new Notice(Notice.Kind.DOWNLOAD_STARTED,
                "[" + site + "] Downloading " + file,
                "A kit (" + file + ") started arriving at " + format(at) + ".\n"
                        + "A second message follows when it has been received and verified.\n",
                at);
    }

    public Notice installed(String release, String trigger, Instant at) {
        String how = "operator".equals(trigger) ? "Upgrade" : "Automatic upgrade";
        return new Notice(Notice.Kind.INSTALLED,
                "[" + site + "] Installed " + release,
                how + " to " + release + " completed at " + format(at) + ".\n",
                at);
    }

    public Notice failedRolledBack(String release, String reason, boolean restored, Instant at) {
        String outcome = restored
                ? "The previous version was restored exactly; the site runs as before."
                : "The previous version could NOT be restored: the site needs attention now.";
        return new Notice(Notice.Kind.FAILED_ROLLED_BACK,
                "[" + site + "] " + (restored ? "Rolled back " : "FAILED ") + release,
                "Installing " + release + " failed at " + format(at) + ": " + reason + "\n" + outcome + "\n",
                at);
    }

    public Notice manualInstallRequired(String release, Instant at) {
        return new Notice(Notice.Kind.MANUAL_INSTALL_REQUIRED,
                "[" + site + "] Manual installation required for " + release,
                release + " does not install automatically (for example a yearly major release).\n"
                        + "An operator can install it with: patchbay agent install --home " + quoted(home) + " "
                        + versionOf(release) + "\n",
                at);
    }

    /**
     * The vendor pulled {@code release}; {@code consequence} says what that means here (it will not install, or it
     * stays installed and nothing was changed, or it has not arrived yet).
     */
    public Notice releasePulled(String release, String reason, Instant pulledAt, String consequence, Instant at) {
        return new Notice(Notice.Kind.RELEASE_PULLED,
                "[" + site + "] Pulled " + release,
                "The vendor pulled " + release + " on " + format(pulledAt) + ": " + reason + "\n"
                        + consequence + "\n",
                at);
    }

    public Notice pullNoticeRefused(String file, String why, Instant at) {
        return new Notice(Notice.Kind.PULL_NOTICE_REFUSED,
                "[" + site + "] Refused a pull notice",
                "A pull notice (" + file + ") arrived at " + format(at) + " and was refused: " + why + "\n"
                        + "Nothing was changed; the file is in the agent's rejected/ folder with the reason. "
                        + "If this repeats, tell support: someone may be sending notices the vendor did not sign.\n",
                at);
    }

    private String format(Instant at) {
        return WHEN.format(at.atZone(zone));
    }

    /** A path as a shell reads it: quoted when it holds anything but plain characters. */
    private static String quoted(Path p) {
        String s = p.toString();
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static String versionOf(String release) {
        int space = release.lastIndexOf(' ');
        return space < 0 ? release : release.substring(space + 1);
    }
}
