package io.patchbay.app.ui.releases;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.Release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pulling a release from the client, as {@code patchbay release pull --key FILE} does: it asks why, then for
 * the key that signed the release's kit, which signs the small notice every site that has it is sent.
 * Choosing no key pulls at once (no new deliveries) and leaves the notices waiting for a signature; the
 * notice says so, and pulling the release again then only asks for the key. The Releases and Rollout screens both pull through this one piece.
 */
public final class PullRelease {
    private PullRelease() {
    }

    public static void ask(Release release, WorkspaceSession session, DialogService dialogs, TaskExecutor tasks,
                           Consumer<Release> pulled) {
        String title = "Pull " + release.title();
        if (release.pulled() && release.pullNoticeSigned()) {
            dialogs.showInformation("Pull release", release.title() + " is already pulled and its notice signed.");
            return;
        }
        Optional<String> reason = Optional.of(release.pulled() ? release.pulledReason() : "");
        if (!release.pulled()) {
            reason = dialogs.askText(title, "Why is it pulled? (sites see this reason)", "");
            if (reason.isEmpty()) {
                return;
            }
            if (reason.get().isBlank()) {
                dialogs.showError("Pull release", "A pull needs a reason.");
                return;
            }
        }
        Optional<Path> keyFile = dialogs.chooseFile("The key that signed " + release.title()
                + " (signs the sites' pull notice; cancel to sign later)", keyFolder(session));
        if (release.pulled() && keyFile.isEmpty()) {
            return;
        }
        String why = reason.get().strip();
        BackgroundTask.of(title, ctx -> {
                    PrivateKey key = keyFile.isPresent() ? SigningKeys.readPrivate(keyFile.get()) : null;
                    return session.workspace().releases().pull(release.id(), why, session.person(), key);
                })
                .onSuccess(r -> {
                    dialogs.notify("Pulled " + r.title() + (r.pullNoticeSigned()
                            ? "; its signed notice goes to every site that has it"
                            : "; the sites' notices wait for a signature (Pull again with the signing key)"));
                    pulled.accept(r);
                })
                .onFailure(f -> dialogs.showError("Pull release", f))
                .executeWith(tasks);
    }

    /** Where signing keys usually are: the workspace's demo keys, else the user's home. */
    private static Path keyFolder(WorkspaceSession session) {
        Path demoKeys = session.workspace().dir().resolve("demo").resolve("keys");
        return Files.isDirectory(demoKeys) ? demoKeys : Path.of(System.getProperty("user.home"));
    }
}
