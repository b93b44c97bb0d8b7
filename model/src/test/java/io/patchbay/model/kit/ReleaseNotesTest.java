package io.patchbay.model.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#x73;cript:alert(1))",
            "[x](java&#115;cript:alert(1))", "[x](vbscript:msgbox(1))", "[x](data:text/html,<b>hi</b>)",
            "[x](file:///etc/passwd)", "[x](../../etc/passwd)", "[x][r]\n\n[r]: JAVASCRIPT:alert(1)",
            "<vbscript:msgbox(1)>"})
    void aLinkToAnythingButTheWebOrMailLosesItsTarget(String markdown) {
        String html = ReleaseNotes.toHtml(markdown);
        assertFalse(html.contains("href"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"![i](data:image/png;base64,AAAA)", "![i](javascript:alert(1))", "![i](file:///etc/x.png)",
            "![i](DaTa:image/svg+xml,<svg/>)"})
    void anImageFromAnythingButTheWebLosesItsSource(String markdown) {
        String html = ReleaseNotes.toHtml(markdown);
        assertFalse(html.contains("src="), html);
    }

    @Test
    void webMailAndInPageLinksAndWebImagesAreKept() {
        String html = ReleaseNotes.toHtml("[a](https://vendor.example/notes) [b](HTTP://vendor.example) "
                + "[c](mailto:support@vendor.example) [d](#known-issues) ![e](https://vendor.example/e.png)");
        assertTrue(html.contains("<a href=\"https://vendor.example/notes\">a</a>"), html);
        assertTrue(html.contains("<a href=\"HTTP://vendor.example\">b</a>"), html);
        assertTrue(html.contains("<a href=\"mailto:support@vendor.example\">c</a>"), html);
        assertTrue(html.contains("<a href=\"#known-issues\">d</a>"), html);
        assertTrue(html.contains("<img src=\"https://vendor.example/e.png\" alt=\"e\" />"), html);
    }

    @Test
    void documentEscapesTheTitle() {
        String doc = ReleaseNotes.toDocument("A <b>", "text");
        assertTrue(doc.contains("<title>A &lt;b&gt;</title>"), doc);
        assertTrue(doc.contains("<meta charset=\"utf-8\">"));
    }
}
