package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.TransportKind;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpTimeouts;

import java.util.Map;

/** The pushers a worker uses for each kind of site, with their default timeouts. */
public final class Pushers {
    private Pushers() {
    }

    /** SFTP through the given (shared, closeable) MINA client; HTTPS through the tus client. */
    public static Map<TransportKind, Pusher> standard(SftpPusher sftp) {
        return Map.of(
                TransportKind.SFTP, new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS),
                TransportKind.HTTPS, new TusSitePusher(TusOptions.defaults()));
    }
}
