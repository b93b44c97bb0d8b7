package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.DailyQuota;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Rollout;
import io.patchbay.model.rollout.FailureThreshold;
import io.patchbay.model.rollout.RingAdvance;
import io.patchbay.model.workspace.RolloutStart;
import io.patchbay.model.workspace.RolloutState;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;

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
            "Start a rollout: queues one delivery per site that does not have the release yet; `patchbay deliver` "
                    + "sends them. Sites the release is already on its way to, or at, are named and left out; "
                    + "when that leaves none, nothing starts.",
            "With --first-day N the rollout admits N sites of a ring on its first day and --growth X more "
                    + "each following day, or --growth Xx times as many (UTC days); a ring opens the day after the "
                    + "previous one is fully admitted, and with --advance-at P%% only once P%% of the previous ring "
                    + "installed, or with --advance-after N only N days after the previous ring opened.",
            "With --pause-after-failures N (sites) or P%% (of a ring) the rollout pauses itself when that many "
                    + "sites failed or rolled back, says why in the event log and raises an alert."})
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
        @Option(names = "--growth", paramLabel = "X|Xx", description = "Sites added to the daily quota each day "
                + "(default 0), or with an x the factor it grows by each day (2x: 3, 6, 12...).")
        String growth;
        @Option(names = "--pause-after-failures", paramLabel = "N|P%", description = "Pause by itself when N sites, "
                + "or P%% of a ring, failed or rolled back.")
        String pauseAfter;
        @ArgGroup(exclusive = true)
        Advance advance;

        static final class Advance {
            @Option(names = "--advance-at", paramLabel = "P%", required = true,
                    description = "Open the next ring once P%% of the previous ring installed.")
            String installedPercent;
            @Option(names = "--advance-after", paramLabel = "DAYS", required = true,
                    description = "Open the next ring DAYS days after the previous ring opened.")
            Integer afterDays;
        }

        @Override
        public Integer call() throws Exception {
            if (firstDay == null && growth != null) {
                throw new ParameterException(spec.commandLine(), "--growth needs --first-day");
            }
            DailyQuota quota;
            FailureThreshold threshold;
            RingAdvance ringAdvance;
            try {
                quota = firstDay == null ? null : quota(firstDay, growth);
                threshold = pauseAfter == null ? null : FailureThreshold.parse(pauseAfter);
                ringAdvance = advance == null ? RingAdvance.QUOTA_ONLY : advance.installedPercent != null
                        ? new RingAdvance(RingAdvance.parsePercent(advance.installedPercent), null)
                        : new RingAdvance(null, advance.afterDays);
            } catch (PatchbayException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage()); // a bad option value: usage
            }
            try (Workspace ws = workspace.openExisting()) {
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
                RolloutStart started = ws.rollouts().startWith(release.id(), names, rings, quota, threshold, ringAdvance,
                        Actor.person());
                Rollout r = started.rollout();
                int n = started.queued().size();
                PrintWriter out = spec.commandLine().getOut();
                if (!started.already().isEmpty()) {
                    out.println("already on its way to or at: " + String.join(", ", started.already()) + " (left out)");
                }
                out.println("rollout " + r.id() + " of " + r.releaseTitle() + " started: "
                        + n + (n == 1 ? " site" : " sites") + " queued, rings " + String.join(", ", r.ringOrder())
                        + (r.quota() == null ? "" : ", daily quota " + r.quota())
                        + (r.pauseAfter() == null ? "" : ", pauses itself after " + r.pauseAfter() + " failed")
                        + (r.advance().equals(RingAdvance.QUOTA_ONLY) ? "" : ", next ring opens " + r.advance())
                        + "; run `patchbay deliver` to send");
            }
            return ExitCode.DONE.code();
        }
    }

    /** {@code --growth 2} adds 2 sites a day; {@code --growth 2x} doubles the quota each day. */
    static DailyQuota quota(int firstDay, String growth) {
        String g = growth == null ? "0" : growth.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (firstDay < 1) {
                throw new PatchbayException("--first-day must be at least 1, not " + firstDay);
            }
            if (g.endsWith("x")) {
                double factor = Double.parseDouble(g.substring(0, g.length() - 1));
                if (!(factor >= 1.0) || factor > 100) {
                    throw new PatchbayException("--growth " + growth + ": a factor must be 1x to 100x");
                }
                return new DailyQuota(firstDay, 0, factor);
            }
            int add = Integer.parseInt(g);
            if (add < 0) {
                throw new PatchbayException("--growth must be at least 0, not " + add);
            }
            return new DailyQuota(firstDay, add);
        } catch (NumberFormatException e) {
            throw new PatchbayException("not a growth: '" + growth + "' (expected sites added a day such as 2, "
                    + "or a factor such as 2x)");
        }
    }

    /**
     * Pause and resume. By id: that rollout. By version: every rollout of that release in the state the change
     * starts from (running for pause, paused for resume), each named. Acting on all of them, rather than
     * refusing, because a person who says "pause 12.10.12" means no delivery of 12.10.12 should start, and a
     * refusal while deliveries go on would be the worse surprise; when none is in that state, the refusal
     * lists the rollouts of the release with their states.
     */
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
            try (Workspace ws = workspace.openExisting()) {
                for (Rollout found : find(ws, which, product, from())) {
                    Rollout r = change(ws, found.id());
                    spec.commandLine().getOut().println("rollout " + r.id() + " of " + r.releaseTitle() + " is "
                            + r.state().word());
                }
            }
            return ExitCode.DONE.code();
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
    static final class ListRollouts extends ListCommand<ListRollouts.Row> {
        /** One rollout as listed: its deliveries counted by state word. */
        record Row(long id, String release, String state, List<String> rings, String quota, Instant started,
                   String pausedReason, Map<String, Long> deliveries) {
        }

        static final Listing<Row> LISTING = Listing.of(
                Listing.column("ID", Row::id),
                Listing.column("RELEASE", Row::release),
                Listing.column("STATE", Row::state),
                Listing.column("RINGS", r -> String.join(",", r.rings()) + (r.quota() == null ? "" : " quota " + r.quota())),
                Listing.column("STARTED", Row::started),
                Listing.column("DELIVERIES", r -> r.deliveries().isEmpty() ? "-" : r.deliveries().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))));

        @Override
        Listing<Row> listing() {
            return LISTING;
        }

        @Override
        List<Row> rows(Workspace ws) {
            List<Rollout> rollouts = ws.rollouts().list();
            Map<Long, List<Delivery>> byRollout = ws.deliveries().list().stream()
                    .filter(d -> d.rolloutId() != null).collect(Collectors.groupingBy(Delivery::rolloutId));
            return rollouts.stream().map(r -> new Row(r.id(), r.releaseTitle(), r.state().word(),
                    r.ringOrder(), r.quota() == null ? null : r.quota().toString(),
                    r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), r.pausedReason(),
                    byRollout.getOrDefault(r.id(), List.of()).stream().collect(Collectors.groupingBy(
                            d -> d.state().word(), java.util.TreeMap::new, Collectors.counting())))).toList();
        }

        @Override
        String emptyHint() {
            return "no rollouts yet: start one with `patchbay rollout start VERSION --all`";
        }

        @Override
        void afterTable(PrintWriter out, List<Row> rows) {
            rows.stream().filter(r -> r.pausedReason() != null).forEach(r ->
                    out.println("rollout " + r.id() + " paused itself: " + r.pausedReason()));
        }
    }

    /** A rollout by id, or every rollout of that release version in the given state (oldest first). */
    static List<Rollout> find(Workspace ws, String which, String product, RolloutState state) {
        if (which.matches("\\d+") && !which.contains(".")) {
            long id = Long.parseLong(which);
            return List.of(ws.rollouts().find(id).orElseThrow(() -> new NotFoundException("no rollout with id " + id)));
        }
        Release release = ReleaseCommand.find(ws, which, product);
        List<Rollout> all = ws.rollouts().ofRelease(release.id());
        if (all.isEmpty()) {
            throw new NotFoundException("no rollout of " + release.title() + " (see `patchbay rollout list`)");
        }
        List<Rollout> matching = new ArrayList<>(all.stream().filter(r -> r.state() == state).toList());
        Collections.reverse(matching);
        if (matching.isEmpty()) {
            throw new PatchbayException("no " + state.word() + " rollout of " + release.title() + ": "
                    + all.stream().map(r -> "rollout " + r.id() + " is " + r.state().word()).collect(Collectors.joining(", ")));
        }
        return matching;
    }
}
