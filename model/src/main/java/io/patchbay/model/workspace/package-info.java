/**
 * The workspace: a folder with an H2 database and the release kits, shared by every Patchbay process
 * on the workstation.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Several processes.</b> H2 in mixed mode ({@code AUTO_SERVER=TRUE}): the first process
 *       serves the file over loopback TCP, others join it; {@code AUTO_RECONNECT=TRUE} lets them carry
 *       on when it exits. Tested with real second JVMs ({@code SeveralProcessesTest}).</li>
 *   <li><b>Durable commits.</b> {@code WRITE_DELAY=0}: H2 2.5 otherwise keeps commits up to 500 ms in
 *       memory, and a killed process loses them (the kill -9 test fails with the default). H2 does not
 *       fsync each commit, so a power cut may still lose the last commits; a killed process does not.</li>
 *   <li><b>Portable SQL.</b> One Flyway migration set for H2 and PostgreSQL: standard types, identity
 *       columns, CHECK constraints instead of enums, upserts as UPDATE-then-INSERT. Times are
 *       {@code TIMESTAMP WITH TIME ZONE} written as UTC {@code OffsetDateTime}s, truncated to
 *       microseconds (the finest both keep): readable in a SQL console, compared as instants by both
 *       databases. V1 and the outbox, matrix and event queries were run by hand on PostgreSQL 15.</li>
 *   <li><b>Taking outbox rows.</b> {@code SELECT ... FOR UPDATE SKIP LOCKED} (H2 2.5 supports it, as
 *       PostgreSQL does) picks candidates; a conditional {@code UPDATE} that repeats the "due" test
 *       takes each one, so a row is never taken twice even where locks are not held. A worker holds a
 *       row by a lease (owner + expiry) that it renews with its progress; a killed worker's lease
 *       lapses and the row is due again.</li>
 *   <li><b>Connections.</b> H2's own small pool; see {@link io.patchbay.model.workspace.Database} for
 *       the measured reason.</li>
 *   <li><b>Audit.</b> Every state-changing call appends its {@link io.patchbay.model.workspace.Event}
 *       in the same transaction; the event log has no update or delete.</li>
 * </ul>
 */
package io.patchbay.model.workspace;
