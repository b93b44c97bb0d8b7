package io.patchbay.e2e;

import io.patchbay.app.cli.PatchbayCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the built distribution ships bash and zsh completion and man pages at the paths the packages take them
 * from, made from the command tree, so every top-level command is in each.
 */
class ShellFilesTest {
    private static final Path DIST = Path.of(System.getProperty("patchbay.launcher")).getParent().getParent();
    private static final Set<String> COMMANDS = PatchbayCommand.commandLine().getSubcommands().keySet();

    @Test
    void bashCompletionOffersEveryTopLevelCommandAndLoadsInBash() throws Exception {
        Path bash = DIST.resolve("share/bash-completion/completions/patchbay");
        String script = Files.readString(bash);
        String offered = script.lines().filter(l -> l.contains("local commands=")).findFirst().orElse("");
        for (String command : COMMANDS) {
            assertTrue(offered.matches(".*[\"' ]" + command + "[\"' ].*"), command + " not offered in: " + offered);
        }
        Process p = new ProcessBuilder("bash", "-c", "source " + bash + " && complete -p patchbay")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("_complete_patchbay") && out.strip().endsWith("patchbay"), out);
    }

    @Test
    void zshCompletionIsAnAutoloadableFunctionOfTheSameCommands() throws Exception {
        String script = Files.readString(DIST.resolve("share/zsh/site-functions/_patchbay"));
        assertTrue(script.startsWith("#compdef patchbay\n"), script.lines().findFirst().orElse(""));
        for (String command : COMMANDS) {
            assertTrue(script.contains(" " + command), command);
        }
    }

    @Test
    void everyCommandHasAManPageAndTheMainPageNamesThemAll() throws Exception {
        Path man = DIST.resolve("share/man/man1");
        String main = Files.readString(man.resolve("patchbay.1"));
        assertTrue(main.startsWith(".TH \"PATCHBAY\" 1 "), main);
        for (String command : COMMANDS) {
            assertTrue(Files.isRegularFile(man.resolve("patchbay-" + command + ".1")), command);
            assertTrue(main.contains(".BR patchbay-" + command + " (1)"), command);
        }
        String list = Files.readString(man.resolve("patchbay-release-list.1"));
        assertTrue(list.contains(".SH NAME\npatchbay\\-release\\-list \\- "), list);
        assertTrue(list.contains("\\-\\-workspace=DIR"), list);
        assertTrue(list.contains(".SH EXIT STATUS\n.TP\n.B 0\n"), list);
        for (String line : List.of(list.split("\n"))) {
            assertFalse(line.startsWith(".") && !line.matches("\\.(TH|SH|nf|fi|TP|B|BR) ?.*"), "stray request: " + line);
        }
    }
}
