package io.patchbay.model.workspace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for {@link SeveralProcessesTest}: opens the workspace given as the first argument and
 * does what the second says, reporting on standard output so the test can follow it.
 */
public final class WorkspaceChild {
    /** System properties naming a team database (and its password file) to open instead of the folder's. */
    static final String DATABASE = "patchbay.test.database";
    static final String PASSWORD_FILE = "patchbay.test.passwordFile";

    private WorkspaceChild() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        String command = args[1];
        String url = System.getProperty(DATABASE);
        WorkspaceLocation location = url == null ? WorkspaceLocation.folder(dir)
                : new WorkspaceLocation(dir, new TeamDatabase(url, Path.of(System.getProperty(PASSWORD_FILE))));
        try (Workspace ws = Workspace.open(location)) {
            switch (command) {
                case "add-site" -> {
                    Fixtures.addSite(ws, args[2]);
                    say("DONE " + ws.sites().list().size());
                }
                case "hold" -> {
                    say("READY");
                    // Serve the workspace until the test closes our standard input.
                    while (System.in.read() >= 0) {
                        Thread.onSpinWait();
                    }
                    say("BYE " + ws.sites().list().size());
                }
                case "add-site-and-hang" -> {
                    Fixtures.addSite(ws, args[2]);
                    say("COMMITTED");
                    Thread.sleep(120_000);
                }
                case "claim-all" -> {
                    // A second outbox worker: on GO, take rows one by one (each "sent" in 100 ms) until none
                    // are left, printing each id taken.
                    say("READY");
                    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                    // An empty claim can mean "the other worker holds the candidates' row locks right now"
                    // (SKIP LOCKED): like a real worker, look again a few times before calling it done.
                    int empty = 0;
                    while (empty < 5) {
                        java.util.List<Delivery> got = ws.deliveries().claim(args[2], 1, java.time.Duration.ofMinutes(5));
                        empty = got.isEmpty() ? empty + 1 : 0;
                        got.forEach(d -> say("CLAIMED " + d.id()));
                        Thread.sleep(100);
                    }
                    say("END");
                }
                default -> throw new IllegalArgumentException(command);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
