package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.Site;
import io.patchbay.transport.Cancellation;

/**
 * Moves kits to the sites of one transport kind and reads their status. Implementations are shared by
 * all worker threads.
 */
public interface Pusher {
    /**
     * Pushes the kit until it is complete in the site's inbox (resuming what an earlier attempt left).
     * Returns normally only then.
     *
     * @throws io.patchbay.model.PatchbayException with a one-line reason the outbox shows and retries on
     * @throws Cancellation.CancelledException     when {@code cancel} was set
     */
    void push(PushJob job, PushProgress progress, Cancellation cancel);

    /** Reads the agent's reports from the site. */
    SiteHarvest harvest(Site site);
}
