package io.patchbay.model.kit;

import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;

import java.util.List;

/**
 * Release notes: Markdown (tables, strikethrough, autolinks) rendered to HTML. Raw HTML in the Markdown
 * is escaped, never passed through, and links keep only safe targets ({@link NotesLinks}), so notes cannot
 * carry script. The kit builder and the desktop client's live preview both call this
 * class, so what the release manager previews is what the kit carries.
 */
public final class ReleaseNotes {
    public static final String MARKDOWN_ENTRY = "notes/release-notes.md";
    public static final String HTML_ENTRY = "notes/release-notes.html";

    private static final DataHolder OPTIONS = new MutableDataSet()
            .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughExtension.create(),
                    AutolinkExtension.create()))
            .set(HtmlRenderer.ESCAPE_HTML, true)
            .toImmutable();
    // Both are immutable once built and safe to share between threads.
    private static final Parser PARSER = Parser.builder(OPTIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder(OPTIONS)
            .attributeProviderFactory(NotesLinks.FACTORY).build();

    private ReleaseNotes() {
    }

    /** The HTML fragment for {@code markdown}. */
    public static String toHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** A complete UTF-8 HTML page, as stored in the kit's {@value #HTML_ENTRY}. */
    public static String toDocument(String title, String markdown) {
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n</head>\n<body>\n" + toHtml(markdown) + "</body>\n</html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
