package io.patchbay.styles;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The palette's promises: one set of names, no colour outside the theme files, readable text. */
class PaletteTest {
    private static final Pattern VARIABLE = Pattern.compile("(-pb-[\\w-]+):\\s*(#[0-9a-fA-F]{6})\\s*;");
    private static final Pattern LITERAL = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsb\\(");

    @Test
    void bothThemesDefineTheSameColourNames() throws IOException {
        assertEquals(colours("light.css").keySet(), colours("dark.css").keySet());
    }

    @Test
    void componentStylesheetHoldsNoColourLiteral() throws IOException {
        String css = read("patchbay.css").replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\"[^\"]*\"", "\"\"");
        Matcher literal = LITERAL.matcher(css);
        assertFalse(literal.find(), () -> "colour literal in patchbay.css: " + literal.group());
    }

    @Test
    void stateWordsAndTextAreReadableInBothThemes() throws IOException {
        for (String theme : new String[]{"light.css", "dark.css"}) {
            Map<String, String> colours = colours(theme);
            for (String name : colours.keySet()) {
                if (name.endsWith("-bg") && colours.containsKey(name.replace("-bg", "-fg"))) {
                    assertReadable(theme, colours, name.replace("-bg", "-fg"), name);
                }
            }
            for (String background : new String[]{"-pb-bg", "-pb-surface", "-pb-surface-alt", "-pb-sidebar-bg"}) {
                assertReadable(theme, colours, "-pb-fg", background);
                assertReadable(theme, colours, "-pb-fg-muted", background);
            }
        }
    }

    private static void assertReadable(String theme, Map<String, String> colours, String text, String background) {
        double ratio = contrast(colours.get(text), colours.get(background));
        assertTrue(ratio >= 4.5, () -> theme + ": " + text + " on " + background + " has contrast "
                + String.format("%.2f", ratio) + ", below 4.5");
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    private static Map<String, String> colours(String file) throws IOException {
        Map<String, String> colours = new TreeMap<>();
        Matcher m = VARIABLE.matcher(read(file));
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        assertTrue(colours.size() > 20, file + " defines " + colours.size() + " colours");
        return colours;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = Theme.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
