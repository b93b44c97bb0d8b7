package io.patchbay.agent.install;

/**
 * One file the apply step changes, as the journal records it before anything is touched.
 *
 * @param root where {@code path} lives: {@link #INSTALL} or {@link #DATA}
 * @param path the root-relative path with forward slashes
 * @param kind what apply does to it
 */
public record PlanEntry(String root, String path, Kind kind) {
    public static final String INSTALL = "install";
    public static final String DATA = "data";

    public enum Kind {
        /** The file exists: the old one moves into the backup, the staged one takes its place. */
        REPLACE,
        /** The file does not exist: the staged one is placed; a rollback deletes it. */
        CREATE,
        /** Listed under the manifest's remove: the old one moves into the backup. */
        REMOVE
    }
}
