package io.patchbay.app.cli;

import io.patchbay.agent.cli.AgentMain;
import io.patchbay.agent.cli.ExitCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --help} of every command and subcommand of both launchers: exit 0, the usage on standard output, and
 * nothing at all on standard error, picocli's own warnings included (they go to {@code System.err}, which is
 * therefore captured too). Every command found by walking the tree, so a new one is covered without a new line.
 */
class HelpTest {
    @Test
    void everyPatchbayCommandsHelpWritesNothingToStandardError() {
        List<List<String>> checked = helpOfEvery(PatchbayCommand::commandLine);
        assertTrue(checked.size() > 30, "only " + checked.size() + " commands found");
        assertTrue(checked.contains(List.of("workspace", "--help")), checked.toString());
    }

    @Test
    void everyAgentLauncherCommandsHelpWritesNothingToStandardError() {
        assertTrue(helpOfEvery(AgentMain::commandLine).size() > 5);
    }

    @Test
    void theTopHelpOfBothLaunchersHasTheExitCodeTableAndPatchbaysThenItsEnvironment() throws Exception {
        String table = words(table()); // picocli wraps a long meaning onto an indented second line
        String patchbay = help(PatchbayCommand::commandLine, List.of("--help"));
        String environment = patchbay.substring(patchbay.indexOf("\nEnvironment:\n"));
        assertTrue(words(patchbay.substring(0, patchbay.indexOf("\nEnvironment:\n"))).endsWith(table), patchbay);
        String agent = help(AgentMain::commandLine, List.of("--help"));
        assertTrue(words(agent).endsWith(table), agent);
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md")); // from app/
        List<String> variables = environment.lines().skip(2).map(l -> l.strip().split("[ =]")[0]).toList();
        assertTrue(variables.containsAll(List.of("PATCHBAY_WORKSPACE", "PATCHBAY_COMMAND_SERVER", "PATCHBAY_JAVA_OPTS")),
                variables.toString());
        for (String v : variables) {
            assertTrue(readme.contains(v), v + " is in the help, not in the README");
        }
        assertTrue(environment.lines().allMatch(l -> l.length() <= 80), "no line wrapped:\n" + environment);
    }

    @Test
    void theReadmesExitCodeTableIsTheOneTheLaunchersUse() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md")); // from app/
        for (ExitCode c : ExitCode.values()) {
            assertTrue(readme.contains("\n| " + c.code() + " | " + c.meaning() + " |\n"), c.name());
        }
    }

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String table() {
        StringBuilder b = new StringBuilder("Exit codes:\n");
        for (ExitCode c : ExitCode.values()) {
            b.append("  ").append(c.code()).append("   ").append(c.meaning()).append('\n');
        }
        return b.toString();
    }

    private static List<List<String>> helpOfEvery(BiFunction<PrintWriter, PrintWriter, CommandLine> launcher) {
        List<List<String>> paths = new ArrayList<>();
        collect(launcher.apply(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), paths);
        for (List<String> path : paths) {
            help(launcher, path);
        }
        return paths;
    }

    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> into) {
        List<String> args = new ArrayList<>(prefix);
        args.add("--help");
        into.add(args);
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // an alias would only repeat it
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                collect(sub, path, into);
            }
        });
    }

    /** The help's standard output, after checking the exit code and that standard error stayed empty. */
    private static String help(BiFunction<PrintWriter, PrintWriter, CommandLine> launcher, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int exit;
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        try {
            exit = launcher.apply(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        } finally {
            System.setErr(before);
        }
        String all = String.join(" ", args);
        assertEquals(0, exit, all + ": " + err);
        assertEquals("", err + systemErr.toString(StandardCharsets.UTF_8), all);
        assertTrue(out.toString().startsWith("Usage: "), all + ": " + out);
        return out.toString();
    }
}
