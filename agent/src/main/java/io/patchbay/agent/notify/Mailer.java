package io.patchbay.agent.notify;

import java.io.IOException;

/** Sends one notice; throws when it could not be handed to the mail server. */
@FunctionalInterface
public interface Mailer {
    void send(Notice notice) throws IOException;
}
