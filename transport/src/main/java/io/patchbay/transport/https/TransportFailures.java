package io.patchbay.transport.https;

import io.patchbay.model.auth.BearerToken;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/** Turns what went wrong on the wire into one line a person can act on, naming the site, never the token. */
final class TransportFailures {
    private TransportFailures() {
    }

    /** {@code reason}: the first line of the response body (may be empty), shown after the status. */
    static TusException refusal(HttpsEndpoint site, String what, int status, String reason, BearerToken token) {
        String because = reason.isEmpty() ? "" : ": " + reason;
        String line = switch (status) {
            case 401, 403 -> site + " refused the bearer token (HTTP " + status + "): check the site's token file";
            case 413 -> site + " refused to " + what + ": too large for the site (HTTP 413" + because + ")";
            case 412 -> site + " does not accept tus version " + TusServerInfo.TUS_VERSION + " (HTTP 412)";
            default -> site + " refused to " + what + " (HTTP " + status + because + ")";
        };
        TusException.Kind kind = status >= 500 || status == 408 || status == 423 || status == 429
                ? TusException.Kind.RETRYABLE : TusException.Kind.NEEDS_ACTION;
        return new TusException(kind, token.redact(line));
    }

    static TusException describe(HttpsEndpoint site, String what, IOException e, BearerToken token) {
        TusException.Kind kind = TusException.Kind.RETRYABLE;
        String line;
        if (e instanceof HttpConnectTimeoutException) {
            line = "cannot connect to " + site + ": no answer within the connect timeout";
        } else if (e instanceof HttpTimeoutException) {
            line = site + " did not " + what + " within the request timeout (stalled connection)";
        } else if (e instanceof ConnectException) {
            line = "cannot connect to " + site + ": " + message(e, "connection refused");
        } else if (isHandshake(e) && hasCause(e, CertPathBuilderException.class, CertPathValidatorException.class)) {
            kind = TusException.Kind.NEEDS_ACTION;
            line = "TLS: the certificate of " + site.host() + " (" + site + ") is not trusted;"
                    + " if the site uses its own CA, give its certificate with --ca CERT.pem";
        } else if (isHandshake(e) && nameMismatch(e)) {
            kind = TusException.Kind.NEEDS_ACTION;
            line = "TLS: the certificate of " + site + " is not valid for host name " + site.host();
        } else if (isHandshake(e)) {
            kind = TusException.Kind.NEEDS_ACTION;
            line = "TLS handshake with " + site + " failed: " + message(e, "unknown reason");
        } else {
            line = "connection to " + site + " lost while asking it to " + what + ": " + message(e, e.getClass().getSimpleName());
        }
        return new TusException(kind, token.redact(line), e);
    }

    private static boolean isHandshake(Throwable e) {
        return hasCause(e, SSLHandshakeException.class) || hasCause(e, SSLException.class) && hasCause(e, CertificateException.class);
    }

    private static boolean nameMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException && t.getMessage() != null
                    && (t.getMessage().contains("No subject alternative") || t.getMessage().contains("No name matching"))) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static boolean hasCause(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String message(Throwable e, String fallback) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? fallback : m.lines().findFirst().orElse(fallback);
    }
}
