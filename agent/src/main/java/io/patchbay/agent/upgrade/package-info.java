/**
 * The agent upgrades itself from a kit whose product is {@code patchbay-agent} (payload: the agent distribution,
 * {@code bin/} and {@code lib/}).
 *
 * <h2>Flow</h2>
 * The site's rules decide the kit as for any product. When it is due, {@link io.patchbay.agent.upgrade.SelfUpgrade}
 * copies the running distribution's jars to {@code <home>/self-upgrade/runner/} and starts
 * {@link io.patchbay.agent.upgrade.Upgrader} from there as a detached one-shot process ({@code setsid}): it must
 * outlive the agent it replaces, and it runs on code the swap never moves. The upgrader holds the site's install
 * lock throughout (so no other installation runs, and the restarted agent leaves the patch INSTALLING), then:
 * stops the agent (SIGTERM to the daemon named in {@code daemon.json}, or {@code systemctl stop} under systemd),
 * swaps {@code bin/} and {@code lib/} of the distribution folder with the payload, keeping the old ones in
 * {@code .upgrade-previous/}, starts the agent again (the same {@code run --home} through the swapped launcher, or
 * {@code systemctl start}), and waits for {@code status/health.json} to name the new version with a tick after the
 * start. Not healthy within the deadline (2 minutes; or the new process died): it stops the new agent, puts the
 * old distribution back, starts it, and reports ROLLED_BACK. The outcome goes to {@code outcome.json}, which the
 * running agent records on its patch at its next tick.
 *
 * <h2>Journal</h2>
 * {@code journal.json} is written before each step. An upgrader killed halfway (SIGKILL, a reboot) is resumed when
 * the agent starts next ({@link io.patchbay.agent.upgrade.SelfUpgrade#resumeIfInterrupted}: the journal is unfinished
 * and no live process holds the install lock), or by hand with {@code Upgrader PLAN --resume} from
 * {@code self-upgrade/runner/lib/}. The resume finishes an upgrade whose new agent had reported healthy, leaves one
 * killed before it stopped the agent as it was, and rolls anything between back: the swap and the restore move one
 * entry at a time, each entry's old copy is either in place or in {@code .upgrade-previous/}, so the restore puts the
 * old distribution back whole from any point, even after being killed itself, and starts it again.
 */
package io.patchbay.agent.upgrade;
