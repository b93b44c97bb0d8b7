package io.patchbay.agent.install;

/** What happened to the state that just ran. */
public enum InstallEvent {
    /** The state's work finished. */
    DONE,
    /** The state's work failed; the reason is kept in the journal. */
    FAILED,
    /** A journal left by a process that died was found at start-up. */
    RESUMED,
    /** Recovery has been attempted too often (a crash loop): stop and ask for a person. */
    GAVE_UP
}
