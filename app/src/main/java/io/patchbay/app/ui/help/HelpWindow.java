package io.patchbay.app.ui.help;

import io.patchbay.app.ui.Styles;
import io.patchbay.app.ui.kit.NotesPreview;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/** The Help window: the pages on the left, the chosen one on the right. One window, reused while open. */
public final class HelpWindow {
    private final Stage stage = new Stage();
    private final HelpViewModel model;

    public HelpWindow(Window owner, HelpViewModel model, List<String> stylesheets) {
        this.model = model;
        ListView<HelpPage> list = new ListView<>(model.pages());
        list.setId("help-pages");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HelpPage page, boolean empty) {
                super.updateItem(page, empty);
                setText(empty || page == null ? null : page.title());
            }
        });
        list.getSelectionModel().select(model.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, page) -> {
            if (page != null) {
                model.selectedProperty().set(page);
            }
        });
        model.selectedProperty().addListener((o, old, page) -> list.getSelectionModel().select(page));
        Label themed = new Label();
        themed.getStyleClass().add(Styles.MUTED);
        SplitPane split = new SplitPane(list, NotesPreview.create("help-page", model.htmlProperty(), themed));
        split.setDividerPositions(0.25);
        split.getStyleClass().add(Styles.CONTENT);
        Scene scene = new Scene(split, 980, 700);
        scene.getStylesheets().setAll(stylesheets);
        stage.initOwner(owner);
        stage.setTitle("Patchbay help");
        stage.setScene(scene);
    }

    /** Shows the page with that title, or the page shown last when null; brings the window to the front. */
    public void show(String title) {
        if (title != null) {
            model.show(title);
        }
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    /** Every menu item with a shortcut, in menu order, as the platform spells its keys. */
    public static List<Shortcut> shortcuts(MenuBar bar) {
        List<Shortcut> out = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(menu.getText(), menu.getItems(), out);
        }
        return out;
    }

    private static void collect(String menu, List<MenuItem> items, List<Shortcut> out) {
        for (MenuItem item : items) {
            if (item instanceof Menu sub) {
                collect(menu, sub.getItems(), out);
            } else if (item.getAccelerator() != null) {
                out.add(new Shortcut(menu, item.getText(), item.getAccelerator().getDisplayText()));
            }
        }
    }
}
