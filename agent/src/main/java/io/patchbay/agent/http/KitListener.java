package io.patchbay.agent.http;

import java.nio.file.Path;

/** Told when an upload is complete and its kit sits in the inbox; the agent daemon verifies it from there. */
@FunctionalInterface
public interface KitListener {
    KitListener NONE = kit -> { };

    /** Called on a server thread after the kit was renamed into the inbox; must not block for long. */
    void kitReceived(Path kit);
}
