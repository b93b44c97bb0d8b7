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
 * {@code journal.json} is written before each step: which stage, which entries moved. Resuming an upgrader killed
 * mid-swap from it is not written yet; the journal tells a person what state the folder is in.
 */
package io.patchbay.agent.upgrade;
