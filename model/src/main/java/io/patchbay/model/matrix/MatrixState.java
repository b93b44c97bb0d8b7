package io.patchbay.model.matrix;

/**
 * Where one release stands on one site, as the site matrix shows it (design.md, "States a user sees in
 * the matrix"). Delivery states come from the outbox, the rest from the agent's status reports.
 */
public enum MatrixState {
    /** The release is not meant for this site (other channel, not in any rollout's targets). */
    NONE("not targeted"),
    QUEUED("queued"),
    /** Uploading; the cell's percent says how far. */
    SENDING("sending"),
    /** The last push failed; the cell's next try says when the outbox tries again. */
    RETRYING("retrying"),
    DELIVERED("delivered"),
    /** Queued for a site without a network: it goes when a person writes a bundle ({@code bundle create}). */
    AWAITING_BUNDLE("waiting for a bundle"),
    /** Written into a bundle a person carries to the site; the site's report has not come back yet. */
    BUNDLED("handed over by bundle"),
    /** The agent refused the kit; the reason says why. */
    REJECTED("rejected"),
    /** A check says not yet; the reason names the check. */
    WAITING("waiting"),
    /** Will install at a set time (the cell's next time). */
    SCHEDULED("scheduled"),
    INSTALLING("installing"),
    INSTALLED("installed"),
    /** An installation failed and could not be undone: the site needs a person. */
    FAILED("failed"),
    /** An installation failed and the backup was restored. */
    ROLLED_BACK("rolled back"),
    /** A support hold on the site or a paused rollout stops this delivery. */
    HELD("held"),
    /** The release was pulled; it will not be delivered or installed. */
    PULLED("pulled");

    private final String word;

    MatrixState(String word) {
        this.word = word;
    }

    /** The word a user sees. */
    public String word() {
        return word;
    }
}
