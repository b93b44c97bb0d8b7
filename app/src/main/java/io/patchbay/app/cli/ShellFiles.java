package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.io.AtomicFiles;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes the files the distribution ships beside the launcher, from the command tree itself, so they never
 * disagree with it: bash and zsh completion (picocli's generated script; zsh runs it through bashcompinit) and one
 * man page per command ({@code patchbay.1}, {@code patchbay-release-list.1}, ...). The man pages hold each command's
 * own help text; picocli-codegen's generator writes AsciiDoc, which would need asciidoctor to become a man page.
 * Run by the build (app/pom.xml): {@code ShellFiles DIST-DIR}.
 */
public final class ShellFiles {
    static final String BASH = "share/bash-completion/completions/patchbay";
    static final String ZSH = "share/zsh/site-functions/_patchbay";
    static final String MAN = "share/man/man1";

    private ShellFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ShellFiles DIST-DIR");
        }
        write(Path.of(args[0]), PatchbayCommand.commandLine());
    }

    static void write(Path dist, CommandLine root) throws IOException {
        String bash = AutoComplete.bash("patchbay", root);
        save(dist.resolve(BASH), bash);
        // zsh autoloads this file as the function _patchbay on the first completion: it loads zsh's bash
        // emulation, defines picocli's functions, and completes that first time too.
        save(dist.resolve(ZSH), "#compdef patchbay\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash + "\n_bash_complete -F _complete_patchbay \"$@\"\n");
        manPages(dist.resolve(MAN), root);
    }

    private static void manPages(Path dir, CommandLine cl) throws IOException {
        String name = cl.getCommandSpec().qualifiedName("-");
        save(dir.resolve(name + ".1"), manPage(cl));
        for (CommandLine sub : cl.getSubcommands().values().stream().distinct().toList()) { // aliases map to one
            manPages(dir, sub);
        }
    }

    /** One command's page: its name line, its help text as printed, the exit codes, and its subcommands' pages. */
    static String manPage(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName("-");
        String[] description = spec.usageMessage().description();
        String summary = description.length == 0 ? "" : description[0].split("(?<=\\.) ", 2)[0];
        StringBuilder page = new StringBuilder();
        page.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" 1 \"")
                .append(LocalDate.now(ZoneOffset.UTC)).append("\" \"Patchbay\" \"Patchbay Manual\"\n");
        page.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary)).append('\n');
        page.append(".SH SYNOPSIS AND OPTIONS\n.nf\n");
        String usage = cl.getUsageMessage(Help.Ansi.OFF);
        usage.lines().forEach(l -> page.append(escape(l)).append('\n'));
        page.append(".fi\n.SH EXIT STATUS\n");
        for (ExitCode code : ExitCode.values()) {
            page.append(".TP\n.B ").append(code.code()).append('\n').append(escape(code.meaning())).append('\n');
        }
        if (!cl.getSubcommands().isEmpty()) {
            page.append(".SH SEE ALSO\n");
            page.append(String.join(",\n", cl.getSubcommands().values().stream().distinct()
                    .map(s -> ".BR " + s.getCommandSpec().qualifiedName("-") + " (1)").toList())).append('\n');
        }
        return page.toString();
    }

    /** troff: a backslash is an escape, and a line starting with a dot or quote would be a request. */
    static String escape(String line) {
        String s = line.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    private static void save(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
