package io.patchbay.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The main window: menu, navigation sidebar, the current screen, status bar. */
public final class MainWindow extends BorderPane {
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
            KeyCode.DIGIT5, KeyCode.DIGIT6};

    private final MainViewModel model;
    private final Map<Screen, Supplier<Node>> factories;
    private final Map<Screen, Node> views = new EnumMap<>(Screen.class);
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final MenuBar menuBar;

    /**
     * @param screens    the built screens; every other screen shows a "not built yet" placeholder
     * @param extraMenus menus of the built screens (e.g. the matrix's actions), after View
     */
    public MainWindow(MainViewModel model, Map<Screen, Supplier<Node>> screens, List<Menu> extraMenus) {
        this(model, screens, List.of(), extraMenus);
    }

    /** @param fileItems the File menu's first items (e.g. New and Open workspace), before Refresh and Quit */
    public MainWindow(MainViewModel model, Map<Screen, Supplier<Node>> screens, List<MenuItem> fileItems,
                      List<Menu> extraMenus) {
        this.model = model;
        this.factories = new EnumMap<>(Screen.class);
        this.factories.putAll(screens);
        setId("main-window");
        this.menuBar = createMenuBar(fileItems, extraMenus);
        setTop(menuBar);
        setLeft(createSidebar());
        content.getStyleClass().add(Styles.CONTENT);
        setCenter(content);
        setBottom(new StatusBar(model));
        model.screenProperty().addListener((o, old, screen) -> showScreen(screen));
        showScreen(model.screenProperty().get());
    }

    /** The window's menus (Help lists their shortcuts). */
    public MenuBar menuBar() {
        return menuBar;
    }

    private MenuBar createMenuBar(List<MenuItem> fileItems, List<Menu> extraMenus) {
        MenuItem refresh = item("Refresh", new KeyCodeCombination(KeyCode.F5), model::refresh);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> getScene().getWindow().hide());
        Menu file = new Menu("File");
        file.getItems().addAll(fileItems);
        if (!fileItems.isEmpty()) {
            file.getItems().add(new SeparatorMenuItem());
        }
        file.getItems().addAll(refresh, new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        for (Screen screen : Screen.values()) {
            view.getItems().add(item(screen.title(),
                    new KeyCodeCombination(DIGITS[screen.ordinal()], KeyCombination.SHORTCUT_DOWN),
                    () -> model.show(screen)));
        }
        view.getItems().addAll(new SeparatorMenuItem(), item("Switch light/dark theme",
                new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), model::toggleTheme));

        MenuBar bar = new MenuBar(file, view);
        bar.getMenus().addAll(extraMenus);
        return bar;
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(accelerator);
        item.setOnAction(e -> action.run());
        return item;
    }

    private VBox createSidebar() {
        Label title = new Label("Patchbay");
        title.getStyleClass().add(Styles.APP_TITLE);
        VBox sidebar = new VBox(title);
        sidebar.getStyleClass().add(Styles.SIDEBAR);
        for (Screen screen : Screen.values()) {
            sidebar.getChildren().add(navButton(screen));
        }
        // A click on the selected button must not leave no screen selected.
        navigation.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        return sidebar;
    }

    private ToggleButton navButton(Screen screen) {
        Label name = new Label(screen.title());
        Label shortcut = new Label("Ctrl+" + screen.number());
        shortcut.getStyleClass().add(Styles.SHORTCUT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox graphic = new HBox(name, gap, shortcut);
        graphic.setMaxWidth(Double.MAX_VALUE);
        ToggleButton button = new ToggleButton();
        button.setGraphic(graphic);
        button.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        button.getStyleClass().add(Styles.NAV_BUTTON);
        button.setId("nav-" + screen.id());
        button.setUserData(screen);
        button.setToggleGroup(navigation);
        button.setMaxWidth(Double.MAX_VALUE);
        graphic.prefWidthProperty().bind(button.widthProperty().subtract(24));
        button.setOnAction(e -> model.show(screen));
        return button;
    }

    /** Puts a built screen in place of what showed before (e.g. once the workspace is open). */
    public void replaceScreen(Screen screen, Supplier<Node> factory) {
        factories.put(screen, factory);
        views.remove(screen);
        if (model.screenProperty().get() == screen) {
            showScreen(screen);
        }
    }

    private void showScreen(Screen screen) {
        Node view = views.computeIfAbsent(screen, s -> {
            Supplier<Node> factory = factories.get(s);
            return factory == null ? new PlaceholderView(s) : factory.get();
        });
        content.getChildren().setAll(view);
        navigation.getToggles().stream()
                .filter(toggle -> toggle.getUserData() == screen)
                .findFirst()
                .ifPresent(toggle -> toggle.setSelected(true));
    }
}
