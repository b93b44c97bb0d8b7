package io.patchbay.transport.https;

import io.patchbay.model.PatchbayException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;

/**
 * Which certificates the client trusts: the system trust store, or exactly the CA certificates in one
 * PEM file ({@code --ca CERT.pem}) and nothing else. Host names are verified either way: the JDK's
 * HTTP client checks the certificate against the host it connects to.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** The system trust store when {@code caPem} is empty, else exactly the certificates in that file. */
    public static SSLContext forSite(Optional<Path> caPem) {
        return caPem.map(TlsTrust::trustingOnly).orElseGet(TlsTrust::systemDefault);
    }

    public static SSLContext systemDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("TLS is not available in this Java runtime: " + e.getMessage(), e);
        }
    }

    /** An SSL context trusting only the certificate(s) in {@code caPem}. */
    public static SSLContext trustingOnly(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            return trustingOnly(in, "CA file " + caPem);
        } catch (IOException e) {
            throw new PatchbayException("cannot read CA file " + caPem + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context trusting only the certificate(s) in the PEM text {@code pem}, called {@code what} in errors. */
    public static SSLContext trustingOnly(String pem, String what) {
        return trustingOnly(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), what);
    }

    private static SSLContext trustingOnly(InputStream in, String what) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new PatchbayException("no certificate in " + what);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new PatchbayException("not a PEM certificate: " + what + " (" + e.getMessage() + ")", e);
        }
    }
}
