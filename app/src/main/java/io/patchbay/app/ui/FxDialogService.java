package io.patchbay.app.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** The real dialogs, owned by the main window and styled with its theme. */
public final class FxDialogService implements DialogService {
    private final Window owner;
    private final Consumer<String> notices;

    public FxDialogService(Window owner, Consumer<String> notices) {
        this.owner = owner;
        this.notices = notices;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = prepare(new Alert(Alert.AlertType.ERROR), title);
        alert.setContentText(message);
        alert.showAndWait();
    }

    @Override
    public void showError(String title, Throwable failure) {
        showError(title, oneLine(failure));
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = prepare(new Alert(Alert.AlertType.INFORMATION), title);
        alert.setContentText(message);
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = prepare(new Alert(Alert.AlertType.CONFIRMATION, message, yes, ButtonType.CANCEL), title);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String question, String initialValue) {
        TextInputDialog dialog = prepare(new TextInputDialog(initialValue == null ? "" : initialValue), title);
        dialog.setContentText(question);
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        existing(initialFolder).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialFolder) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        existing(initialFolder).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialFolder, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        existing(initialFolder).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public void notify(String message) {
        notices.accept(message);
    }

    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    private <D extends Dialog<?>> D prepare(D dialog, String title) {
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        return dialog;
    }

    private static Optional<File> existing(Path folder) {
        return Optional.ofNullable(folder).filter(Files::isDirectory).map(Path::toFile);
    }
}
