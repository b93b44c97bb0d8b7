package io.patchbay.app.cli;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.DailyQuota;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Rollout;
import io.patchbay.model.workspace.RolloutState;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code patchbay rollout ...}: bring a release to sites, ring by ring. */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Start, pause, resume and list rollouts.",
        subcommands = {RolloutCommand.Start.class, RolloutCommand.Pause.class, RolloutCommand.Resume.class,
                RolloutCommand.ListRollouts.class})
final class RolloutCommand implements Runnable {
    static final String DEFAULT_RINGS = "internal,pilot,early,broad";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Which {
        @Option(names = "--sites", split = ",", paramLabel = "a,b", required = true, description = "These sites.")
        List<String> sites;
        @Option(names = "--ring", paramLabel = "RING", required = true, description = "Every site of this ring.")
        String ring;
        @Option(names = "--all", required = true, description = "Every site (of the release's channel).")
        boolean all;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = {
            "Start a rollout: queues one delivery per site; `patchbay deliver` sends them.",
            "With --first-day N the rollout admits N sites of a ring on its first day and --growth X more "
                    + "each following day (UTC days); a ring opens the day after the previous one is fully admitted."})
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "VERSION")
        String version;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;
        @Option(names = "--product", paramLabel = "P", description = "The product (needed when several have VERSION).")
        String product;
        @Option(names = "--rings", split = ",", paramLabel = "RING,...", defaultValue = DEFAULT_RINGS,
                description = "Rings in wave order (default: ${DEFAULT-VALUE}); other rings follow, by name.")
        List<String> rings;
        @Option(names = "--first-day", paramLabel = "N", description = "Sites per ring on its first day (daily quota).")
        Integer firstDay;
        @Option(names = "--growth", paramLabel = "X", description = "Sites added to the daily quota each day (default 0).")
        Integer growth;

        @Override
        public Integer call() throws Exception {
            if (firstDay == null && growth != null) {
                throw new PatchbayException("--growth needs --first-day");
            }
            if (firstDay != null && (firstDay < 1 || (growth != null && growth < 0))) {
                throw new PatchbayException("--first-day must be at least 1 and --growth at least 0");
            }
            try (Workspace ws = workspace.open()) {
                Release release = ReleaseCommand.find(ws, version, product);
                List<Site> all = ws.sites().list();
                List<String> names;
                if (which.all) {
                    names = all.stream().filter(s -> release.channel() != io.patchbay.model.release.Channel.BETA
                            || s.spec().channel() == release.channel()).map(Site::name).toList();
                } else if (which.ring != null) {
                    names = all.stream().filter(s -> s.ring().equals(which.ring)).map(Site::name).toList();
                    if (names.isEmpty()) {
                        throw new PatchbayException("no site is in ring " + which.ring);
                    }
                } else {
                    names = which.sites;
                }
                if (names.isEmpty()) {
                    throw new PatchbayException("no sites to roll out to: add one with `patchbay site add`");
                }
                Rollout r = ws.rollouts().start(release.id(), names, rings,
                        firstDay == null ? null : new DailyQuota(firstDay, growth == null ? 0 : growth), Actor.person());
                spec.commandLine().getOut().println("rollout " + r.id() + " of " + r.releaseTitle() + " started: "
                        + names.size() + (names.size() == 1 ? " site" : " sites") + " queued, rings " + String.join(", ", r.ringOrder())
                        + (r.quota() == null ? "" : ", daily quota " + r.quota().firstDay() + " +"
                        + r.quota().growthPerDay() + "/day") + "; run `patchbay deliver` to send");
            }
            return 0;
        }
    }

    /** Pause and resume: find the rollout in the state the change starts from, change it, say where it is. */
    abstract static class StateChange implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "ID|VERSION")
        String which;
        @Option(names = "--product", paramLabel = "P")
        String product;

        abstract RolloutState from();

        abstract Rollout change(Workspace ws, long rolloutId);

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                Rollout r = change(ws, find(ws, which, product, from()).id());
                spec.commandLine().getOut().println("rollout " + r.id() + " of " + r.releaseTitle() + " is " + r.state().word());
            }
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a rollout: no new delivery of it starts; those sending finish.")
    static final class Pause extends StateChange {
        @Override
        RolloutState from() {
            return RolloutState.RUNNING;
        }

        @Override
        Rollout change(Workspace ws, long rolloutId) {
            return ws.rollouts().pause(rolloutId, Actor.person());
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused rollout where it stopped.")
    static final class Resume extends StateChange {
        @Override
        RolloutState from() {
            return RolloutState.PAUSED;
        }

        @Override
        Rollout change(Workspace ws, long rolloutId) {
            return ws.rollouts().resume(rolloutId, Actor.person());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rollouts, newest first.")
    static final class ListRollouts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = workspace.open()) {
                List<Rollout> rollouts = ws.rollouts().list();
                if (rollouts.isEmpty()) {
                    out.println("no rollouts yet: start one with `patchbay rollout start VERSION --all`");
                    return 0;
                }
                Map<Long, List<Delivery>> byRollout = ws.deliveries().list().stream()
                        .filter(d -> d.rolloutId() != null).collect(Collectors.groupingBy(Delivery::rolloutId));
                String fmt = "%-4s %-22s %-8s %-28s %-22s %s%n";
                out.printf(fmt, "ID", "RELEASE", "STATE", "RINGS", "STARTED", "DELIVERIES");
                for (Rollout r : rollouts) {
                    List<Delivery> ds = byRollout.getOrDefault(r.id(), List.of());
                    String counts = ds.stream().collect(Collectors.groupingBy(d -> d.state().word(),
                            java.util.TreeMap::new, Collectors.counting())).entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
                    out.printf(fmt, r.id(), r.releaseTitle(), r.state().word(), String.join(",", r.ringOrder())
                            + (r.quota() == null ? "" : " quota " + r.quota().firstDay() + "+" + r.quota().growthPerDay()),
                            r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                            counts.isEmpty() ? "-" : counts);
                }
            }
            return 0;
        }
    }

    /** A rollout by id, or the one of that release version in the given state (the newest). */
    static Rollout find(Workspace ws, String which, String product, RolloutState state) {
        if (which.matches("\\d+") && !which.contains(".")) {
            long id = Long.parseLong(which);
            return ws.rollouts().find(id).orElseThrow(() -> new PatchbayException("no rollout with id " + id));
        }
        Release release = ReleaseCommand.find(ws, which, product);
        return ws.rollouts().list().stream().filter(r -> r.releaseId() == release.id())
                .filter(r -> r.state() == state).findFirst()
                .or(() -> ws.rollouts().list().stream().filter(r -> r.releaseId() == release.id()).findFirst())
                .orElseThrow(() -> new PatchbayException("no rollout of " + release.title()
                        + " (see `patchbay rollout list`)"));
    }
}
