package io.patchbay.app.cli;

/** Who the event log names for what a command does: the operating-system user running it. */
final class Actor {
    private Actor() {
    }

    static String person() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
