package io.patchbay.app.server;

import io.patchbay.app.cli.DurationConverter;
import io.patchbay.app.cli.PatchbayCommand;
import picocli.CommandLine;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The command server: a JVM of one user's that keeps Patchbay's classes loaded and compiled and runs the read
 * commands ({@link ServedCommands}) that launchers in the same environment hand it, so such a command costs a small
 * JVM's start instead of loading, verifying and interpreting H2, Flyway and picocli again. It holds nothing between
 * commands: each one opens and closes its workspace as it would in its own JVM, so the workspace is never in use
 * because of it. Its working folder is "/", so it keeps no file system busy.
 *
 * <p>Started by the first command that found none ({@link ServerStarter}); it stops when idle for
 * {@code $PATCHBAY_COMMAND_SERVER_IDLE} (default 15 minutes), when its socket is removed, or when its installation
 * changes. At most one runs per {@link ServerAddress}: it holds a lock on the address's {@code .lock} file.
 */
public final class CommandServer implements AutoCloseable {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    private static final int WORKERS = 4;
    /** Quiet for this long after a command, the server gives its garbage back: a burst of commands is over. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final ServerAddress address;
    private final Duration idle;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final ServerSocketChannel channel;
    private final Object socketIdentity;
    private final String installation;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("patchbay-command"));
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(daemon("patchbay-idle"));
    private final AtomicInteger running = new AtomicInteger();
    private final Consumer<String> log;
    private volatile long lastActive = System.nanoTime();
    /** Whether the heap was collected since the last command. */
    private volatile boolean collected;
    private volatile String stopReason;

    private CommandServer(ServerAddress address, Duration idle, FileChannel lockFile, FileLock lock, Consumer<String> log)
            throws IOException {
        this.address = address;
        this.log = log;
        this.idle = idle;
        this.lockFile = lockFile;
        this.lock = lock;
        this.installation = ServerAddress.installation(System.getProperty("java.class.path"));
        // The lock is ours, so a socket file there is a dead server's.
        Files.deleteIfExists(address.socket());
        this.channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(address.socket()));
        this.socketIdentity = socketKey();
        Files.deleteIfExists(address.sibling(".starting"));
        watch.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A server at {@code address}, listening; empty when another one already holds the address.
     *
     * @param idle how long it waits for a command before it stops
     * @param log  where it says when it started and stopped, and each command it ran (its exit code and time)
     */
    static Optional<CommandServer> start(ServerAddress address, Duration idle, Consumer<String> log) throws IOException {
        FileChannel file = FileChannel.open(address.sibling(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            file.close();
            return Optional.empty();
        }
        try {
            return Optional.of(new CommandServer(address, idle, file, lock, log));
        } catch (IOException | RuntimeException e) {
            lock.release();
            file.close();
            throw e;
        }
    }

    /** {@code CommandServer SOCKET}: serves until idle; exits 0 at once when another server holds SOCKET. */
    public static void main(String[] args) throws Exception {
        Optional<ServerAddress> address = ServerAddress.forThisProcess();
        if (address.isEmpty() || args.length != 1 || !address.get().socket().toString().equals(args[0])) {
            // Started in an environment other than its launcher's: it would run commands differently from it.
            System.out.println("not starting: this environment's address is " + address.map(a -> a.socket().toString()).orElse("none")
                    + ", asked for " + String.join(" ", args));
            System.exit(1);
        }
        String idleText = System.getenv("PATCHBAY_COMMAND_SERVER_IDLE");
        Duration idle = idleText == null || idleText.isBlank() ? DEFAULT_IDLE : new DurationConverter().convert(idleText);
        ServerLog log = new ServerLog(address.get().sibling(".log"));
        Optional<CommandServer> server = start(address.get(), idle, log);
        if (server.isEmpty()) {
            log.accept("another server holds " + args[0] + "; pid " + ProcessHandle.current().pid() + " ends");
            return;
        }
        try (CommandServer s = server.get()) {
            s.log("serving on " + args[0] + ", pid " + ProcessHandle.current().pid() + ", stopping after " + idle + " idle");
            Thread warmUp = new Thread(new ServerWarmUp(address.get().sibling(".warm"), log), "patchbay-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
            s.serve();
        }
        System.exit(0);
    }

    /** Accepts commands until {@link #close()} or a stop of its own. */
    void serve() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                running.incrementAndGet();
                lastActive = System.nanoTime();
                collected = false;
                workers.execute(() -> {
                    try {
                        handle(client);
                    } finally {
                        lastActive = System.nanoTime();
                        running.decrementAndGet();
                    }
                });
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) {
                log("accept failed: " + e); // out of file handles, say: wait rather than spin
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void handle(SocketChannel client) {
        try (client;
             DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client))) {
            CommandRequest request = CommandRequest.read(in);
            if (request.key() != address.key() || !ServedCommands.serves(request.args())) {
                out.writeByte(CommandRequest.NOT_SERVED);
                return;
            }
            out.writeByte(CommandRequest.ACCEPTED);
            long start = System.nanoTime();
            int exit = run(request, out);
            log(ServerLog.redact(String.join(" ", request.args())) + " (in " + request.cwd() + "): exit " + exit + ", "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            synchronized (out) {
                out.write(new byte[] {CommandRequest.EXIT, 0, 0, 0, (byte) exit});
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or sent no request: it runs the command itself or has ended.
        }
    }

    /** Runs the request's command as its own JVM would, its output framed to {@code out}; returns its exit code. */
    private static int run(CommandRequest request, DataOutputStream out) throws IOException {
        Charset charset = Charset.defaultCharset(); // what System.out writes with; same environment, same charset
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new Frames(out, CommandRequest.OUT), charset), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(new Frames(out, CommandRequest.ERR), charset), true);
        String[] args = request.args().toArray(String[]::new);
        CommandLine command = PatchbayCommand.commandLine(stdout, stderr, args[0]);
        // Paths on the command line are the client's, relative to its folder, not to this process's "/".
        command.registerConverter(Path.class, s -> request.cwd().resolve(s));
        command.registerConverter(File.class, s -> request.cwd().resolve(s).toFile());
        int exit = command.execute(args);
        stdout.flush();
        stderr.flush();
        if (stdout.checkError() || stderr.checkError()) {
            throw new IOException("the client went away");
        }
        return exit;
    }

    private void check() {
        if (!Files.exists(address.socket())) {
            stop("its socket " + address.socket() + " was removed");
            return;
        }
        try {
            Object now = socketKey();
            if (socketIdentity != null && !socketIdentity.equals(now)) {
                stop("its socket was replaced");
                return;
            }
        } catch (IOException e) {
            stop("its socket cannot be read: " + e.getMessage());
            return;
        }
        if (running.get() > 0) {
            return;
        }
        long quiet = System.nanoTime() - lastActive;
        if (!collected && quiet > SETTLE.toNanos()) {
            collected = true;
            System.gc(); // gives the heap of the last commands back to the system (serial collector, MaxHeapFreeRatio)
        }
        if (!installation.equals(ServerAddress.installation(System.getProperty("java.class.path")))) {
            stop("its installation changed");
        } else if (quiet > idle.toNanos()) {
            stop("idle for " + idle);
        }
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log("closing the socket: " + e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!lockFile.isOpen()) {
            return;
        }
        stop("closed");
        log("stopped: " + stopReason);
        watch.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Object now = socketKey();
            if (now != null && now.equals(socketIdentity)) {
                Files.deleteIfExists(address.socket());
            }
        } catch (IOException gone) {
            // removed already
        }
        lock.release();
        lockFile.close();
    }

    /** The socket file's identity (device and inode): tells this server's socket from one put in its place. */
    private Object socketKey() throws IOException {
        return Files.readAttributes(address.socket(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void log(String line) {
        log.accept(line);
    }

    /** Bytes written to one of the command's streams, sent as frames: kind, length, bytes. */
    private static final class Frames extends OutputStream {
        private final DataOutputStream out;
        private final int kind;

        Frames(DataOutputStream out, int kind) {
            this.out = out;
            this.kind = kind;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            byte[] frame = new byte[5 + len]; // one write, one system call
            frame[0] = (byte) kind;
            frame[1] = (byte) (len >>> 24);
            frame[2] = (byte) (len >>> 16);
            frame[3] = (byte) (len >>> 8);
            frame[4] = (byte) len;
            System.arraycopy(b, off, frame, 5, len);
            synchronized (out) { // the two streams share the socket
                out.write(frame);
            }
        }
    }
}
