package io.patchbay.agent.notify;

import io.patchbay.model.PatchbayException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Date;
import java.util.Properties;

/** Sends notices through an SMTP server with Jakarta Mail. */
public final class SmtpMailer implements Mailer {
    private final MailSettings settings;

    public SmtpMailer(MailSettings settings) {
        this.settings = settings;
    }

    @Override
    public void send(Notice notice) throws IOException {
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            message.setText(notice.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(notice.at()));
            Transport.send(message);
        } catch (MessagingException e) {
            // Jakarta Mail messages name host and port, never the password.
            throw new IOException("cannot send e-mail through " + settings.host() + ":" + settings.port() + ": "
                    + firstLine(e), e);
        }
    }

    private Session session() throws IOException {
        String protocol = settings.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", settings.host());
        props.put(p + "port", Integer.toString(settings.port()));
        String millis = Long.toString(settings.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        if (settings.security() == MailSettings.Security.STARTTLS) {
            // Required, not opportunistic: a server that cannot do TLS must not get the password in clear.
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (settings.security() != MailSettings.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        if (settings.username() == null) {
            return Session.getInstance(props);
        }
        props.put(p + "auth", "true");
        String password = readPassword();
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.username(), password);
            }
        });
    }

    private String readPassword() throws IOException {
        if (settings.passwordFile() == null) {
            throw new PatchbayException("SMTP user " + settings.username() + " has no password file");
        }
        return Files.readString(settings.passwordFile(), StandardCharsets.UTF_8).strip();
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.lines().findFirst().orElse(text);
    }
}
