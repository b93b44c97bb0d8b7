package io.patchbay.app.ui.console;

import io.patchbay.app.ui.DialogService;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A DialogService that answers from a script and records what it would have shown. */
final class ScriptedDialogs implements DialogService {
    final List<String> errors = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final List<String> questions = new ArrayList<>();
    final Deque<String> answers = new ArrayDeque<>();
    Path folder;
    boolean confirmAnswer = true;

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showError(String title, Throwable failure) {
        showError(title, failure.getMessage());
    }

    @Override
    public void showInformation(String title, String message) {
        notices.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        questions.add(title);
        return confirmAnswer;
    }

    @Override
    public Optional<String> askText(String title, String question, String initialValue) {
        questions.add(title + " | " + question + " | " + initialValue);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initialFolder) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialFolder) {
        return Optional.ofNullable(folder);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialFolder, String suggestedName) {
        return Optional.empty();
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }
}
