package io.patchbay.app.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DialogService for view-model tests: records what would have been shown and answers "yes"; text
 * questions and file choosers answer from the queues a test fills, else as if cancelled/accepted.
 */
public final class RecordingDialogService implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> notices = new ArrayList<>();
    public final java.util.Deque<String> textAnswers = new java.util.ArrayDeque<>();
    public final java.util.Deque<Path> fileAnswers = new java.util.ArrayDeque<>();
    public boolean confirmAnswer = true;
    public final List<String> confirmations = new ArrayList<>();

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showError(String title, Throwable failure) {
        showError(title, FxDialogService.oneLine(failure));
    }

    @Override
    public void showInformation(String title, String message) {
        notices.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        confirmations.add(title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public Optional<String> askText(String title, String question, String initialValue) {
        return textAnswers.isEmpty() ? Optional.ofNullable(initialValue) : Optional.of(textAnswers.poll());
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initialFolder) {
        return Optional.ofNullable(fileAnswers.poll());
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialFolder) {
        return Optional.ofNullable(fileAnswers.poll());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialFolder, String suggestedName) {
        return Optional.ofNullable(fileAnswers.poll());
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }
}
