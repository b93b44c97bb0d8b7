package io.patchbay.styles;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * The two themes. A scene gets the theme's variables first, then the shared component stylesheet that
 * only uses those variables, so the themes differ in nothing but colour values.
 */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String COMPONENTS = "patchbay.css";

    private final String variables;

    Theme(String variables) {
        this.variables = variables;
    }

    /** Stylesheet URLs (external form) to put on a scene, in order. */
    public List<String> stylesheets() {
        return List.of(url(variables), url(COMPONENTS));
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    private static String url(String name) {
        URL url = Objects.requireNonNull(Theme.class.getResource(name), () -> "stylesheet missing: " + name);
        return url.toExternalForm();
    }
}
