/**
 * The site agent's daemon and the operations the {@code patchbay agent} commands call.
 *
 * <h2>One home, several processes</h2>
 * {@link io.patchbay.agent.run.Agent} is used by {@code agent run} ({@link io.patchbay.agent.run.AgentDaemon})
 * and by an operator's one-shot commands at the same time. The patch registry
 * ({@link io.patchbay.agent.registry.RegistryStore}) is changed read-modify-write under an OS file lock; before an
 * installation starts its patch is claimed (state INSTALLING) under that lock, so two processes never start the
 * same patch; the installation itself runs in a child JVM under the site's
 * {@link io.patchbay.agent.install.InstallLock}, which a second process waits for and then names. The daemon
 * receives kits only (the one-shot commands never take kits from the inbox), so a kit is extracted once.
 *
 * <h2>Jobs</h2>
 * {@link io.patchbay.agent.run.Agent} coordinates; intake ({@code PatchIntake}), decision ({@code PatchDecisions}),
 * install ({@code PatchInstalls}), reports ({@code StatusWriter}) and notices ({@code AgentNotices}) each have their
 * class. Every change of a patch's state goes through {@link io.patchbay.agent.registry.RegistryStore#transition},
 * which holds it to {@link io.patchbay.agent.registry.PatchLifecycle}'s table.
 *
 * <h2>A tick</h2>
 * For every waiting patch, lowest version first per product: gather the facts, run
 * {@link io.patchbay.model.decision.PatchDecider} (its decision is recorded as it is: postponed, scheduled and pulled
 * are facts it weighs, not corrections made afterwards), record the state, checks and reason; notify the administrator
 * once for a manual-only release; install when the verdict is INSTALL_NOW. Then retry pending notices and rewrite
 * every report in {@code status/}. The daemon sleeps until the next tick or the earliest next opportunity,
 * whichever is sooner, and wakes at once when a kit arrives.
 *
 * <h2>States a tick leaves alone</h2>
 * INSTALLED, UP_TO_DATE, FAILED, ROLLED_BACK (a failed install is not retried on its own; {@code agent install}
 * retries it), INSTALLING (another process has it), and kits refused on receipt. A patch refused by a decision
 * (downgrade, unmet {@code requires}) is decided again, since the installed version can change.
 *
 * <h2>Pulls</h2>
 * A signed pull notice ({@code *.pull} in the inbox, verified against the trusted keys) records the release as
 * pulled in the registry; the pulled check then stops every patch of it that is not installed, operator or not.
 * An installed one is left as it is; its report says when the site was told. A notice of a release older (by its
 * sequence number) than one the site has seen is refused as a replay.
 *
 * <h2>Key rotations</h2>
 * A rotation statement ({@code *.rotation} in the inbox, or a kit's {@code trust/} entries, read before the kit is
 * verified) signed by a trusted key and by its successor makes the successor trusted; with a revocation, kits signed
 * only by the old key and released after the statement are refused on receipt ({@code TrustStore}, {@code KeyTrust}).
 *
 * <h2>Not yet</h2>
 * "Intact" means the verified, extracted kit is still in its patch folder; it is not re-hashed every tick.
 */
package io.patchbay.agent.run;
