package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpTimeouts;

import java.util.Map;

/** The pushers a worker uses for each kind of site, with their default timeouts. */
public final class Pushers {
    private Pushers() {
    }

    /**
     * SFTP through the given (shared, closeable) MINA client; HTTPS through the tus client. Host keys and CA
     * certificates come from the workspace's database, private keys and tokens from this machine's credentials.
     */
    public static Map<TransportKind, Pusher> standard(SftpPusher sftp, Workspace ws) {
        return Map.of(
                TransportKind.SFTP, new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS, ws),
                TransportKind.HTTPS, new TusSitePusher(TusOptions.defaults(), ws));
    }
}
