package io.patchbay.agent.install;

/**
 * One file the apply step changes, as the journal records it before anything is touched.
 *
 * @param root where {@code path} lives: {@link #INSTALL} or {@link #DATA}
 * @param path the root-relative path with forward slashes
 * @param kind what apply does to it
 * @param size     the staged file's size when the plan was made (null for REMOVE entries and created folders)
 * @param modified the staged file's modification time in epoch milliseconds then (null likewise); with
 *                 {@code size}, how the post-install backup tells a file a hook rewrote from the kit's own
 */
public record PlanEntry(String root, String path, Kind kind, Long size, Long modified) {
    public static final String INSTALL = "install";
    public static final String DATA = "data";

    public PlanEntry(String root, String path, Kind kind) {
        this(root, path, kind, null, null);
    }

    public enum Kind {
        /** The file exists: the old one moves into the backup, the staged one takes its place. */
        REPLACE,
        /** The file does not exist: the staged one is placed; a rollback deletes it. */
        CREATE,
        /** Listed under the manifest's remove: the old one moves into the backup. */
        REMOVE
    }
}
