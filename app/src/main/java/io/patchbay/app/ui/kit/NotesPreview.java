package io.patchbay.app.ui.kit;

import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.web.WebView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release notes preview: a WebView showing the HTML page the kit will carry. Where WebView cannot
 * start (some headless test platforms), the HTML itself is shown read-only instead, and the log says so.
 */
final class NotesPreview {
    private static final Logger LOG = LoggerFactory.getLogger(NotesPreview.class);

    private NotesPreview() {
    }

    static Node create(StringProperty html) {
        if (!Boolean.getBoolean("patchbay.noWebView")) {
            try {
                WebView view = new WebView();
                view.setId("wizard-preview");
                view.setContextMenuEnabled(false);
                view.getEngine().setJavaScriptEnabled(false);
                html.addListener((o, old, now) -> view.getEngine().loadContent(now));
                view.getEngine().loadContent(html.get());
                return view;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("no WebView for the release notes preview ({}); showing the HTML text", e.toString());
            }
        }
        TextArea text = new TextArea();
        text.setId("wizard-preview");
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(html);
        return text;
    }
}
