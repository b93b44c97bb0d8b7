package io.patchbay.agent.http;

import java.io.IOException;

/**
 * A resource of the agent's HTTPS endpoint that is only ever read ({@code status/}, {@code backups/}): it answers
 * {@code GET} below its path; {@link AgentHttpsServer} authenticates the request and refuses every other method,
 * once for all such resources.
 */
interface ReadOnlyResource {
    /** The path prefix it serves, ending in '/'. */
    String path();

    /** The answer to {@code GET path} of an authenticated client ({@code path} still percent-encoded). */
    Answer get(String path) throws IOException;
}
