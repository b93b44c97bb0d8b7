/**
 * The site agent's installer: a staged kit in, exactly the new or exactly the old state out.
 *
 * <h2>Flow</h2>
 * {@link io.patchbay.agent.install.InstallTransitions} is the whole flow as one table (after Mender):
 * stage, pre-install hook, backup, apply, install hook, verify hook, post-backup, commit, cleanup
 * (post-install hook); every failure before the commit rolls back. The journal
 * ({@code <home>/install/journal.json}) is written atomically before each state runs; persisting COMMIT is
 * the commit point. At start-up {@link io.patchbay.agent.install.Installer#recover()} resumes: before the
 * commit it rolls back, after it it finishes; an unknown state rolls back; a loop counter stops a crash
 * loop as FAILED.
 *
 * <h2>Why old files are renamed into the backup (decision)</h2>
 * Apply replaces each old file anyway, so instead of copying it into the backup first (a second full write),
 * the old file is renamed into {@code <home>/backups/<id>/pre/} and the new one, already written whole to a
 * temp file beside the target and forced to disk, is renamed into place. The rename is nearly free and
 * exact (same inode: bytes, mode, times). Because the plan is in the journal before the first file is
 * touched, each file's state can be read from the disk alone: a backup present means "put it back", absent
 * means the target still holds the old file. The undo is therefore correct after a kill at any instant and
 * safe to repeat. Ordering for power loss: new files are forced before any rename, backup folders are
 * forced before the new files are renamed in. When the agent home is on another file system the old file
 * is copied (temp + rename) instead; the same rule holds. The data root, when the manifest asks, is copied
 * whole (a hook may change anything in it) and restored whole; a marker file says the copy is complete.
 * The post-install backup hard-links the staged files (byte-identical to what was installed), copying only
 * files a hook changed.
 *
 * <h2>Processes</h2>
 * {@link io.patchbay.agent.install.InstallLock} (an OS file lock, released when its holder dies) keeps two
 * installations apart and names the holder. {@link io.patchbay.agent.install.InstallLauncher} runs
 * {@link io.patchbay.agent.install.InstallProcess} as a child JVM so an install that restarts the agent
 * is not cut off; its output goes to a file, not a pipe, so it outlives its parent.
 */
package io.patchbay.agent.install;
