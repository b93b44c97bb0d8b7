package io.patchbay.app.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** Hands a command line to the command server and relays what the command writes, as it writes it. */
final class CommandClient {
    private CommandClient() {
    }

    /**
     * Runs {@code request} on the server at {@code address}.
     *
     * @return the command's exit code; empty when no server took the command (none listening, one stopping, or not a
     *         command it serves) and nothing was written, so the caller runs it itself
     */
    static OptionalInt run(ServerAddress address, CommandRequest request, OutputStream out, OutputStream err) {
        SocketChannel channel;
        try {
            nameTheSelectorProvider();
            channel = SocketChannel.open(UnixDomainSocketAddress.of(address.socket()));
        } catch (IOException | UnsupportedOperationException none) {
            return OptionalInt.empty();
        }
        boolean wrote = false;
        try (channel;
             DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)))) {
            request.write(new DataOutputStream(Channels.newOutputStream(channel)));
            if (in.read() != CommandRequest.ACCEPTED) {
                return OptionalInt.empty();
            }
            Relay stdout = new Relay(out);
            Relay stderr = new Relay(err);
            while (true) {
                int kind = in.readUnsignedByte();
                switch (kind) {
                    case CommandRequest.OUT, CommandRequest.ERR -> {
                        byte[] b = in.readNBytes(in.readInt());
                        (kind == CommandRequest.OUT ? stdout : stderr).write(b);
                        wrote = true;
                    }
                    case CommandRequest.EXIT -> {
                        return OptionalInt.of(in.readInt());
                    }
                    default -> throw new IOException("an unknown frame " + kind);
                }
            }
        } catch (IOException e) {
            if (!wrote) {
                return OptionalInt.empty(); // a read command; running it again here repeats nothing
            }
            new Relay(err).write(("patchbay: the command server stopped during the command (" + describe(e)
                    + "); run it again\n").getBytes(StandardCharsets.UTF_8));
            return OptionalInt.of(io.patchbay.agent.cli.ExitCode.TRANSIENT.code());
        }
    }

    /**
     * The first channel of a JVM asks for its selector provider; unless a system property names one, the JDK first
     * looks for one among the services of every jar on the class path, which opens all 65 of them: a quarter of a
     * served command's time. Naming the provider the JDK would fall back to anyway (on Linux, where the launcher runs)
     * skips that search; elsewhere nothing is named and the JDK looks as usual.
     */
    private static void nameTheSelectorProvider() {
        String property = "java.nio.channels.spi.SelectorProvider";
        String linux = "sun.nio.ch.EPollSelectorProvider";
        if (System.getProperty(property) == null) {
            try {
                Class.forName(linux, false, ClassLoader.getPlatformClassLoader());
                System.setProperty(property, linux);
            } catch (ClassNotFoundException notLinux) {
                // the JDK's own search
            }
        }
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "it closed the connection" : e.getMessage();
    }

    /** Writes on as System.out does: a reader that went away (`| head`) does not stop the command. */
    private static final class Relay {
        private final OutputStream to;
        private boolean broken;

        Relay(OutputStream to) {
            this.to = to;
        }

        void write(byte[] b) {
            if (broken) {
                return;
            }
            try {
                to.write(b);
                to.flush();
            } catch (IOException e) {
                broken = true;
            }
        }
    }
}
