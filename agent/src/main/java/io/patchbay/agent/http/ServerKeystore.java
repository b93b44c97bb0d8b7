package io.patchbay.agent.http;

import io.patchbay.model.PatchbayException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The endpoint's PKCS12 keystore, opened with its password; {@code agent init} opens it too, to fail early. */
public final class ServerKeystore {
    private ServerKeystore() {
    }

    /** A TLS context serving the keystore's key, or a one-line reason why the keystore cannot be used. */
    public static SSLContext open(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!hasKey(store)) {
                throw new PatchbayException("TLS keystore " + keystore + " holds no private key for the server");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new PatchbayException("cannot open TLS keystore " + keystore + " (wrong password or not PKCS12?): "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("unusable TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }
}
