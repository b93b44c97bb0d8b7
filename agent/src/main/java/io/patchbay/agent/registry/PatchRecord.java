package io.patchbay.agent.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.patchbay.model.decision.Decision;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The agent's record of one received kit (a patch), past or current, as kept in the registry.
 *
 * @param id            unique on the site: the kit's name and the start of its SHA-256
 * @param kit           the kit's file name as delivered (matches the workstation's delivery)
 * @param kitSha256     hex SHA-256 of the kit file as received
 * @param product       from the manifest; null when the kit was refused before it could be read
 * @param version       from the manifest; null when the kit was refused before it could be read
 * @param kitIni        the manifest's text ({@code kit.ini}, with {@code [delta]} for a delta kit); null for a
 *                      refused kit
 * @param folder        the patch's folder under the agent home ({@code patches/<id>}); null for a refused kit
 * @param state         where the patch stands
 * @param reason        one line saying why
 * @param receivedAt    when the kit was received
 * @param updatedAt     when this record last changed
 * @param scheduledAt   an operator's time for this patch ({@code agent schedule}); null when none
 * @param postponed     an operator postponed it: it installs only when an operator acts
 * @param adminNotified the administrator was told it needs a manual install (sent once)
 * @param checks        the checks of the latest decision, in order
 * @param installations every installation attempt, oldest first
 * @param nextChance    the latest decision's next install chance; null when the patch does not wait (or since
 *                      a change no decision has seen yet)
 */
public record PatchRecord(
        String id, String kit, String kitSha256, String product, String version, String kitIni, String folder,
        PatchState state, String reason, Instant receivedAt, Instant updatedAt, Instant scheduledAt,
        boolean postponed, boolean adminNotified, List<CheckRow> checks, List<InstallationReport> installations,
        InstallChance nextChance) {

    public PatchRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kit, "kit");
        Objects.requireNonNull(state, "state");
        checks = checks == null ? List.of() : List.copyOf(checks);
        installations = installations == null ? List.of() : List.copyOf(installations);
    }

    /** A verified kit, registered and not yet evaluated. */
    public static PatchRecord received(String id, String kit, String sha, Manifest m, String folder, Instant at) {
        return new PatchRecord(id, kit, sha, m.product(), m.version().toString(), ManifestCodec.write(m), folder,
                PatchState.RECEIVED, "received and verified", at, at, null, false, false, List.of(), List.of(), null);
    }

    /** A refused kit: kept so the site's list and the workstation show why. */
    public static PatchRecord rejected(String id, String kit, String sha, String reason, Instant at) {
        return new PatchRecord(id, kit, sha, null, null, null, null, PatchState.REJECTED, reason, at, at, null,
                false, false, List.of(), List.of(), null);
    }

    /**
     * A kit this machine failed to take (its reason says what failed here). Reported, never kept in the registry:
     * the kit is still in the inbox and is tried again.
     *
     * @param sha null when the kit could not even be read
     */
    public static PatchRecord failedOnReceipt(String kit, String sha, String reason, Instant at) {
        return new PatchRecord(kit, kit, sha, null, null, null, null, PatchState.SITE_FAILURE, reason, at, at, null,
                false, false, List.of(), List.of(), null);
    }

    @JsonIgnore
    public Manifest manifest() {
        return kitIni == null ? null : ManifestCodec.read(kitIni);
    }

    /**
     * The kit itself was refused, finally: on receipt (unreadable, untrusted, not served here) or, for a delta kit,
     * when its staging folder was to be made ({@link #withDeltaRefused}); as opposed to refused by a decision, which a
     * tick decides again.
     */
    @JsonIgnore
    public boolean kitRefused() {
        return kitIni == null;
    }

    /** A tick decides it again: not installed, not failed, not refused on receipt, not being installed. */
    @JsonIgnore
    public boolean waiting() {
        return switch (state) {
            case RECEIVED, WAITING, SCHEDULED, HELD, PULLED -> true;
            case REJECTED -> !kitRefused();
            default -> false;
        };
    }

    /** The title a person reads, e.g. {@code Spruce 12.10.11}, or the kit name when unreadable. */
    @JsonIgnore
    public String title() {
        return product == null ? kit : product + " " + version;
    }

    @JsonIgnore
    public InstallationReport lastInstallation() {
        return installations.isEmpty() ? null : installations.get(installations.size() - 1);
    }

    /**
     * A delta kit refused when its installation was to start ({@code StagedKit.DeltaRefused}): final like a refusal
     * on receipt (its manifest is dropped, so no tick decides it again), while its product and version stay for the
     * report, whose reason ("needs the full kit: FILE: why") the workstation reads.
     */
    public PatchRecord withDeltaRefused(String why, Instant at) {
        return new PatchRecord(id, kit, kitSha256, product, version, null, folder, PatchState.REJECTED, why, receivedAt,
                at, null, false, adminNotified, checks, installations, null);
    }

    public PatchRecord withState(PatchState s, String why, List<CheckRow> newChecks, Instant at) {
        return new PatchRecord(id, kit, kitSha256, product, version, kitIni, folder, s, why, receivedAt, at,
                scheduledAt, postponed, adminNotified, newChecks == null ? checks : newChecks, installations, null);
    }

    /** The state, reason, checks and next install chance of a decision the patch is left in. */
    public PatchRecord withDecision(Decision d, Instant at) {
        return new PatchRecord(id, kit, kitSha256, product, version, kitIni, folder, d.reportState(), d.reason(),
                receivedAt, at, scheduledAt, postponed, adminNotified, d.checks(), installations, d.chance());
    }

    public PatchRecord withSchedule(Instant at, boolean isPostponed, Instant now) {
        return new PatchRecord(id, kit, kitSha256, product, version, kitIni, folder, state, reason, receivedAt, now,
                at, isPostponed, adminNotified, checks, installations, null);
    }

    public PatchRecord withAdminNotified() {
        return new PatchRecord(id, kit, kitSha256, product, version, kitIni, folder, state, reason, receivedAt,
                updatedAt, scheduledAt, postponed, true, checks, installations, nextChance);
    }

    public PatchRecord withInstallation(InstallationReport installation, Instant at) {
        List<InstallationReport> all = new ArrayList<>(installations);
        all.add(installation);
        return new PatchRecord(id, kit, kitSha256, product, version, kitIni, folder, installation.outcome(),
                installation.reason() == null ? installation.outcome().word() + " at "
                        + SiteTimes.show(installation.finishedAt(), ZoneOffset.UTC) + " UTC"
                        : installation.reason(), receivedAt, at, null, false, adminNotified, checks, all, null);
    }

    /** The report the workstation reads from {@code status/}. */
    public PatchReport toReport(Instant now) {
        return toReport(now, null);
    }

    /**
     * The report the workstation reads from {@code status/}, saying when the site received the release's pull
     * notice ({@code pullNoticeAt}; null when it has not).
     */
    public PatchReport toReport(Instant now, Instant pullNoticeAt) {
        return new PatchReport(StatusReports.SCHEMA, kit, kitSha256, product, version, state, reason, receivedAt, now,
                state == PatchState.SCHEDULED ? scheduledAt : null, checks, installations, pullNoticeAt, nextChance);
    }
}
