package io.patchbay.app.ui.kit;

import io.patchbay.model.PrintableText;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.web.WebView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Release notes as a page: the wizard's preview of what the kit will carry and the Site console's notes show
 * it alike, in the application's sans-serif font and the theme's text colour (not WebView's serif default).
 */
public final class NotesPreview {
    private static final Logger LOG = LoggerFactory.getLogger(NotesPreview.class);

    private NotesPreview() {
    }

    /**
     * The release notes in a WebView with scripts off (the page comes from a kit). Where WebView cannot start
     * (some headless test platforms, or {@code -Dpatchbay.noWebView=true}), the HTML text is shown read-only.
     */
    public static Node create(String id, ObservableValue<String> page, Label themed) {
        if (!Boolean.getBoolean("patchbay.noWebView")) {
            try {
                WebView web = new WebView();
                web.setId(id);
                web.setContextMenuEnabled(false);
                web.getEngine().setJavaScriptEnabled(false);
                // The page follows the theme: transparent over the screen, text in the colour the theme gave labels.
                web.setPageFill(Color.TRANSPARENT);
                themed.textFillProperty().addListener((o, old, fill) -> web.getEngine().setUserStyleSheetLocation(pageStyle(fill)));
                web.getEngine().setUserStyleSheetLocation(pageStyle(themed.getTextFill()));
                page.addListener((o, old, html) -> web.getEngine().loadContent(html == null ? "" : html));
                web.getEngine().loadContent(page.getValue() == null ? "" : page.getValue());
                stayOnPage(web, page);
                return web;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("no WebView for the release notes ({}); showing the HTML text", e.toString());
            }
        }
        TextArea text = new TextArea();
        text.setId(id);
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(page);
        return text;
    }

    /**
     * A click on a link in the notes never takes the WebView away from them (to a site's intranet, a file on the
     * site's disk, a page that asks for credentials): any navigation is undone by loading the notes again.
     */
    private static void stayOnPage(WebView web, ObservableValue<String> page) {
        web.getEngine().locationProperty().addListener((o, old, location) -> {
            if (location != null && !location.isEmpty() && !location.equals("about:blank")) {
                LOG.info("release notes: a link to {} was not followed (the notes do not navigate)", PrintableText.of(location));
                Platform.runLater(() -> web.getEngine().loadContent(page.getValue() == null ? "" : page.getValue()));
            }
        });
    }

    /** A data: URL of the notes page's stylesheet, in the theme's text colour. */
    static String pageStyle(Paint fill) {
        Color c = fill instanceof Color color ? color : Color.BLACK;
        String rgb = "rgb(" + Math.round(c.getRed() * 255) + "," + Math.round(c.getGreen() * 255) + ","
                + Math.round(c.getBlue() * 255) + ")";
        String css = "body{color:" + rgb + ";font-family:system-ui,-apple-system,'Segoe UI','DejaVu Sans',Arial,sans-serif;font-size:13px;margin:4px 6px;}"
                + "h1{font-size:17px;}h2{font-size:15px;}a{color:" + rgb + ";}"
                + "table{border-collapse:collapse;margin:6px 0;}th,td{border:1px solid " + hex(c.interpolate(Color.GRAY, 0.6))
                + ";text-align:left;}td,th{padding:4px 12px;}";
        return "data:text/css;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
