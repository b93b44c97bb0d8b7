package io.patchbay.agent.home;

import io.patchbay.agent.notify.MailSettings;
import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The files that hold the agent's secrets (bearer token, keystore password, SMTP password). A secret anyone on the
 * machine may read is no secret: such a file is refused, at {@code init} and at {@code run}, with the command that
 * fixes it. On a file system without POSIX modes there is nothing to check.
 */
public final class SecretFiles {
    private static final Set<PosixFilePermission> OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {
    }

    /** Refuses {@code file} (naming it as {@code what}) when group or others may read or change it. */
    public static void requirePrivate(Path file, String what) {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new PatchbayException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(OPEN::contains)) {
            throw new PatchbayException("the " + what + " " + file + " is readable by group or others (mode "
                    + PosixFilePermissions.toString(permissions) + "); fix it with: chmod 600 " + file);
        }
    }

    /** The secret in {@code file}, stripped, after {@link #requirePrivate}. */
    public static String read(Path file, String what) {
        requirePrivate(file, what);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PatchbayException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks every secret file {@code config} names. */
    public static void requirePrivate(AgentConfig config) {
        named(config).forEach(s -> requirePrivate(s.file(), s.what()));
    }

    /** A secret file and what it holds, as error messages name it. */
    public record Secret(Path file, String what) {
    }

    static List<Secret> named(AgentConfig.Https https, MailSettings mail) {
        List<Secret> secrets = new ArrayList<>();
        if (https != null && https.tokenFile() != null) {
            secrets.add(new Secret(https.tokenFile(), "token file"));
        }
        if (https != null && https.keystorePasswordFile() != null) {
            secrets.add(new Secret(https.keystorePasswordFile(), "keystore password file"));
        }
        if (mail != null && mail.passwordFile() != null) {
            secrets.add(new Secret(mail.passwordFile(), "SMTP password file"));
        }
        return secrets;
    }

    private static List<Secret> named(AgentConfig config) {
        return named(config.https(), config.mail());
    }
}
