package io.patchbay.app.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a view model may ask of the user. View models get one injected and never open windows
 * themselves; tests pass a fake that answers from a script.
 */
public interface DialogService {

    void showError(String title, String message);

    /** Shows the failure's one-line message (a PatchbayException's message is written for users). */
    void showError(String title, Throwable failure);

    void showInformation(String title, String message);

    /** Asks before something that cannot be undone; true only when the user chose {@code confirmLabel}. */
    boolean confirm(String title, String message, String confirmLabel);

    Optional<String> askText(String title, String question, String initialValue);

    Optional<Path> chooseFile(String title, Path initialFolder);

    Optional<Path> chooseFolder(String title, Path initialFolder);

    Optional<Path> chooseSaveFile(String title, Path initialFolder, String suggestedName);

    /** A short notice in the status bar that needs no answer. */
    void notify(String message);
}
