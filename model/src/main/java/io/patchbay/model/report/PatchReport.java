package io.patchbay.model.report;

import java.time.Instant;
import java.util.List;

/**
 * The agent's report on one received kit, written as JSON into the site's {@code status/} folder (and
 * served over HTTPS). The workstation reads these on every pass to fill the site matrix.
 *
 * @param schema        format version, {@link StatusReports#SCHEMA}
 * @param kit           the kit's file name as delivered, e.g. {@code Spruce-12.10.11.kit}; always set,
 *                      so a refused kit can be matched to its delivery
 * @param kitSha256     hex SHA-256 of the kit file as received
 * @param product       from the manifest; null when the kit was refused before it could be read
 * @param version       from the manifest; null when the kit was refused before it could be read
 * @param state         where the patch stands
 * @param reason        one line saying why (the refusal, the waiting check, the failure); may be null
 * @param receivedAt    when the agent received the kit
 * @param updatedAt     when this report was written
 * @param scheduledAt   when a scheduled installation will run; null otherwise
 * @param checks        the checks of the latest evaluation, in the order they ran
 * @param installations every installation attempt, oldest first
 * @param pullNoticeAt  when the agent received the vendor's signed notice that this release was pulled;
 *                      null when it has not (an installed patch stays installed: the site was told, not changed)
 * @param nextChance    for a waiting or scheduled patch, its next install chance in the site's zone and the rule
 *                      that decides it; null otherwise, and from agents older than this field
 */
public record PatchReport(
        int schema,
        String kit,
        String kitSha256,
        String product,
        String version,
        PatchState state,
        String reason,
        Instant receivedAt,
        Instant updatedAt,
        Instant scheduledAt,
        List<CheckRow> checks,
        List<InstallationReport> installations,
        Instant pullNoticeAt,
        InstallChance nextChance) {

    public PatchReport {
        checks = checks == null ? List.of() : List.copyOf(checks);
        installations = installations == null ? List.of() : List.copyOf(installations);
    }

    /** A report without a next install chance (a patch that does not wait, or an older agent's). */
    public PatchReport(int schema, String kit, String kitSha256, String product, String version, PatchState state,
                       String reason, Instant receivedAt, Instant updatedAt, Instant scheduledAt, List<CheckRow> checks,
                       List<InstallationReport> installations, Instant pullNoticeAt) {
        this(schema, kit, kitSha256, product, version, state, reason, receivedAt, updatedAt, scheduledAt, checks,
                installations, pullNoticeAt, null);
    }

    /** A report of a patch whose release the site has not been told is pulled. */
    public PatchReport(int schema, String kit, String kitSha256, String product, String version, PatchState state,
                       String reason, Instant receivedAt, Instant updatedAt, Instant scheduledAt, List<CheckRow> checks,
                       List<InstallationReport> installations) {
        this(schema, kit, kitSha256, product, version, state, reason, receivedAt, updatedAt, scheduledAt, checks,
                installations, null);
    }
}
