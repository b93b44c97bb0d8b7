package io.patchbay.app.ui.help;

import io.patchbay.model.kit.ReleaseNotes;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The Help window: the README's pages and the keyboard shortcuts page, one chosen at a time and shown as HTML
 * (flexmark, through the same renderer as the release notes).
 */
public final class HelpViewModel {
    public static final String SHORTCUTS = "Keyboard shortcuts";

    // ---- Properties
    private final ObservableList<HelpPage> pages;
    private final ObjectProperty<HelpPage> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper html = new ReadOnlyStringWrapper(this, "html", "");

    /** @param shortcuts the menus' shortcuts, in menu order; they make the last page */
    public HelpViewModel(List<HelpPage> readme, List<Shortcut> shortcuts) {
        List<HelpPage> all = new ArrayList<>(readme);
        all.add(new HelpPage(SHORTCUTS, shortcutsMarkdown(shortcuts)));
        pages = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(all));
        selected.addListener((o, old, page) -> html.set(page == null ? "" : ReleaseNotes.toDocument(page.title(), page.markdown())));
        selected.set(all.get(0));
    }

    public ObservableList<HelpPage> pages() {
        return pages;
    }

    public ObjectProperty<HelpPage> selectedProperty() {
        return selected;
    }

    /** The chosen page as a complete HTML document. */
    public ReadOnlyStringProperty htmlProperty() {
        return html.getReadOnlyProperty();
    }

    // ---- Commands

    /** Shows the page with that title; an unknown title changes nothing. */
    public void show(String title) {
        pages.stream().filter(p -> p.title().equals(title)).findFirst().ifPresent(selected::set);
    }

    static String shortcutsMarkdown(List<Shortcut> shortcuts) {
        StringBuilder b = new StringBuilder("## " + SHORTCUTS + "\n\n| Keys | Menu | Does |\n|---|---|---|\n");
        for (Shortcut s : shortcuts) {
            b.append("| ").append(cell(s.keys())).append(" | ").append(cell(s.menu())).append(" | ")
                    .append(cell(s.action())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("...", "");
    }
}
