package io.patchbay.model.workspace;

/** The kinds of event the workspace writes itself; other parts may append kinds of their own. */
public final class EventKind {
    public static final String PRODUCT_ADDED = "product.added";
    public static final String RELEASE_ADDED = "release.added";
    public static final String RELEASE_PULLED = "release.pulled";
    public static final String RELEASE_SUPPORT_SET = "release.support-set";
    public static final String PULL_NOTICE_SIGNED = "release.pull-notice-signed";
    public static final String SITE_ADDED = "site.added";
    public static final String SITE_UPDATED = "site.updated";
    public static final String SITE_REMOVED = "site.removed";
    public static final String ROLLOUT_STARTED = "rollout.started";
    public static final String ROLLOUT_PAUSED = "rollout.paused";
    public static final String ROLLOUT_RESUMED = "rollout.resumed";
    public static final String ROLLOUT_DONE = "rollout.done";
    public static final String DELIVERY_QUEUED = "delivery.queued";
    public static final String DELIVERY_SENDING = "delivery.sending";
    public static final String DELIVERY_DELIVERED = "delivery.delivered";
    public static final String DELIVERY_RETRYING = "delivery.retrying";
    public static final String DELIVERY_REJECTED = "delivery.rejected";
    public static final String DELIVERY_CANCELLED = "delivery.cancelled";
    public static final String DELIVERY_REQUEUED = "delivery.requeued";
    public static final String DELIVERY_BUNDLED = "delivery.bundled";
    public static final String DELIVERY_LEASE_EXPIRED = "delivery.lease-expired";
    /** The site refused a delta ("needs the full kit"): the same delivery is queued again with the full kit. */
    public static final String DELIVERY_FELL_BACK = "delivery.fell-back";
    public static final String DELTA_ADDED = "release.delta-added";
    public static final String SIGNER_TRUSTED = "signer.trusted";
    public static final String SIGNER_ROTATED = "signer.rotated";
    public static final String HOST_KEY_PINNED = "host-key.pinned";
    public static final String HOST_KEY_FORGOTTEN = "host-key.forgotten";
    public static final String PATCH_REPORTED = "patch.reported";
    /** A harvest refused the site's signed status report (foreign, changed, replayed or missing). */
    public static final String REPORT_REFUSED = "site.report-refused";
    public static final String ALERT_RAISED = "alert.raised";

    private EventKind() {
    }
}
