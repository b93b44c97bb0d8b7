package io.patchbay.app.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line handed to the command server, and the protocol around it. The client writes the request; the server
 * answers {@link #NOT_SERVED} (the client runs the command itself) or {@link #ACCEPTED}, then frames of the
 * command's standard output and error as it writes them, then its exit code.
 *
 * @param key  the client's {@link ServerAddress#key()}
 * @param cwd  the client's working folder, against which paths on the command line resolve
 * @param args the command line
 */
record CommandRequest(long key, Path cwd, List<String> args) {
    static final int MAGIC = 0x50425331; // "PBS1"
    static final int ACCEPTED = 'A';
    static final int NOT_SERVED = 'N';
    static final int OUT = 'O';
    static final int ERR = 'E';
    static final int EXIT = 'X';

    /** Bounds on what a server reads, so that a broken client cannot make it allocate without end. */
    private static final int MAX_ARGS = 10_000;
    private static final int MAX_STRING = 1 << 20;

    CommandRequest {
        args = List.copyOf(args);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(key);
        writeString(out, cwd.toString());
        out.writeInt(args.size());
        for (String a : args) {
            writeString(out, a);
        }
        out.flush();
    }

    static CommandRequest read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new StreamCorruptedException("not a Patchbay command request");
        }
        long key = in.readLong();
        Path cwd = Path.of(readString(in));
        if (!cwd.isAbsolute()) {
            throw new StreamCorruptedException("the working folder is not absolute: " + cwd);
        }
        int n = in.readInt();
        if (n < 1 || n > MAX_ARGS) {
            throw new StreamCorruptedException("a command line of " + n + " words");
        }
        List<String> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(readString(in));
        }
        return new CommandRequest(key, cwd, args);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new StreamCorruptedException("a word of " + n + " bytes");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
