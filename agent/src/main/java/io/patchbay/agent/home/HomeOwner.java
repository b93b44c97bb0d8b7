package io.patchbay.agent.home;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who may act on an agent home. The agent runs as the user that owns its home (the SFTP login, or the packaged
 * {@code patchbay} user); a command that installs, schedules or runs the agent as anyone else (typically root
 * through sudo) would leave files and folders the agent cannot use, so it is refused with one line saying whose
 * home it is. Reading ({@code list}) and the policy ({@code policy --set}, whose file keeps its owner and mode)
 * are open to the home's other users.
 */
public final class HomeOwner {
    private HomeOwner() {
    }

    /** Refuses, naming the owner, when this process's user does not own {@code home}. */
    public static void require(AgentHome home, String command) {
        String owner = ownerOf(home.dir());
        String me = System.getProperty("user.name");
        if (owner != null && !owner.equals(me)) {
            throw new PatchbayException("the agent home " + home.dir() + " belongs to " + owner + ", not " + me
                    + ": run 'agent " + command + "' as " + owner + " (e.g. sudo -u " + owner + " ...), or files the "
                    + "agent cannot use would be left behind");
        }
    }

    private static String ownerOf(Path dir) {
        try {
            return Files.getOwner(dir).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no owners here (or unreadable): the command's own errors will say so
        }
    }
}
