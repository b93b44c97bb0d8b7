package io.patchbay.app.ui.rollout;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A site the user may include in a rollout's targets. */
public record SiteChoice(String name, String ring, BooleanProperty selected) {
    public static SiteChoice of(String name, String ring) {
        return new SiteChoice(name, ring, new SimpleBooleanProperty(false));
    }

    @Override
    public String toString() {
        return name + "  (" + ring + ")";
    }
}
