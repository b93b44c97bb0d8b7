package io.patchbay.app.ui.kit;

import io.patchbay.model.kit.ReleaseNotes;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The notes' WebView, for real: a kit's link cannot take it away from the notes. */
class NotesPreviewTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void followingALinkOutOfTheNotesLeavesTheNotesShown() throws Exception {
        Path elsewhere = Files.createTempFile("not-the-notes-", ".html");
        Files.writeString(elsewhere, "<html><body>a page on the site's disk</body></html>");
        SimpleStringProperty page = new SimpleStringProperty(ReleaseNotes.toDocument("Spruce 12.10.12", "Faster export"));
        AtomicReference<WebView> web = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Node node = NotesPreview.create("notes", page, new Label());
            web.set(assertInstanceOf(WebView.class, node, "a real WebView, not the text fallback"));
        }).get(30, TimeUnit.SECONDS);
        waitUntilShown(web.get(), "Faster export");

        WaitForAsyncUtils.asyncFx(() -> web.get().getEngine().load(elsewhere.toUri().toString())).get(10, TimeUnit.SECONDS);

        waitUntilShown(web.get(), "Faster export");
        Thread.sleep(500); // a navigation that slipped through would show within this
        waitUntilShown(web.get(), "Faster export");
    }

    private static void waitUntilShown(WebView web, String text) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            var doc = web.getEngine().getDocument();
            return doc != null && doc.getDocumentElement().getTextContent().contains(text);
        }).get());
    }
}
