/**
 * The outbox worker: takes due deliveries from the workspace, pushes each kit through the
 * {@link io.patchbay.transport.outbox.Pusher} for the site's transport, and harvests the sites' status.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Leases.</b> A delivery is held by a lease that a renewal timer extends every second while the
 *       push runs, whether bytes move or not; a killed worker's lease lapses and any worker takes the row
 *       over. The lease is short (60 s by default) so a restart resumes soon.</li>
 *   <li><b>Never gives up.</b> Every failure becomes {@code retrying} with the reason and a next try from
 *       {@link io.patchbay.model.delivery.RetryBackoff}; only a person cancels a delivery.</li>
 *   <li><b>Resuming.</b> SFTP resumes from the remote {@code .part} size; tus from the upload URL the
 *       worker stores with the delivery as soon as the site creates it.</li>
 *   <li><b>Stopping.</b> {@link io.patchbay.transport.outbox.DeliveryWorker#stop()} cancels transfers at
 *       their next chunk and returns their rows due now, so the next worker takes them at once.</li>
 * </ul>
 */
package io.patchbay.transport.outbox;
