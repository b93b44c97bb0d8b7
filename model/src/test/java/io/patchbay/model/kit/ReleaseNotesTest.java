package io.patchbay.model.kit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseNotesTest {
    @Test
    void rendersTablesStrikethroughAndAutolinks() {
        String html = ReleaseNotes.toHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ see https://example.org\n");
        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<del>old</del>"), html);
        assertTrue(html.contains("<a href=\"https://example.org\">https://example.org</a>"), html);
    }

    @Test
    void rawHtmlIsEscapedSoNotesCannotCarryScript() {
        String html = ReleaseNotes.toHtml("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<div"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void javascriptLinksAreDropped() {
        assertFalse(ReleaseNotes.toHtml("[x](javascript:alert(1))").contains("javascript:"));
    }

    @Test
    void documentEscapesTheTitle() {
        String doc = ReleaseNotes.toDocument("A <b>", "text");
        assertTrue(doc.contains("<title>A &lt;b&gt;</title>"), doc);
        assertTrue(doc.contains("<meta charset=\"utf-8\">"));
    }
}
