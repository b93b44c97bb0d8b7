package io.patchbay.app.ui.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's sections as help pages: the text before the first {@code ##} heading is the overview, and every
 * {@code ##} section (with its {@code ###} subsections) is a page. The build copies the repository's README.md into
 * the jar, so the help a person reads is the README of the very build they run, never a second copy to keep up.
 */
public final class HelpPages {
    /** Where the build puts README.md (app's pom). */
    static final String README = "README.md";

    private HelpPages() {
    }

    /** The README shipped with this build. */
    public static List<HelpPage> fromBuild() {
        try (InputStream in = HelpPages.class.getResourceAsStream(README)) {
            if (in == null) {
                throw new IllegalStateException(README + " is missing from the build (see app's pom)");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the help pages: " + e.getMessage(), e);
        }
    }

    /** Splits at {@code ##} headings outside fenced code blocks (a shell comment in a fence is no heading). */
    static List<HelpPage> split(String markdown) {
        List<HelpPage> pages = new ArrayList<>();
        String title = "Overview";
        StringBuilder page = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\\R", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("## ")) {
                add(pages, title, page);
                title = line.substring(3).strip();
                page.setLength(0);
            }
            page.append(line).append('\n');
        }
        add(pages, title, page);
        return List.copyOf(pages);
    }

    private static void add(List<HelpPage> pages, String title, StringBuilder page) {
        if (!page.toString().isBlank()) {
            pages.add(new HelpPage(title, page.toString().strip() + "\n"));
        }
    }
}
