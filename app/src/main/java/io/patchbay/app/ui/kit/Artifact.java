package io.patchbay.app.ui.kit;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One file of the source folder the user may put in the payload.
 *
 * @param path   relative to the source folder, with forward slashes
 * @param change how it compares with the previous release's kit
 */
public record Artifact(String path, long size, String sha256, Change change, BooleanProperty selected) {
    /** How a file compares with the same payload entry of the release it is compared with. */
    public enum Change {
        NEW("new"), CHANGED("changed"), SAME("same"), NOT_COMPARED("");

        private final String word;

        Change(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static Artifact of(String path, long size, String sha256, Change change) {
        return new Artifact(path, size, sha256, change, new SimpleBooleanProperty(true));
    }

    public boolean isSelected() {
        return selected.get();
    }
}
