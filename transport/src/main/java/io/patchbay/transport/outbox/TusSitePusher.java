package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteCredentials;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.report.StatusReports;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.https.HttpsEndpoint;
import io.patchbay.transport.https.TusClient;
import io.patchbay.transport.https.TusException;
import io.patchbay.transport.https.TlsTrust;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.https.UploadListener;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Pusher} for HTTPS sites (tus 1.0). The upload URL the site creates is handed to the outbox at
 * once, so a restarted worker resumes the upload. The token is read from its file for each push and
 * never leaves the {@link TusClient}.
 */
public final class TusSitePusher implements Pusher {
    private final TusOptions options;
    private final SiteCredentials credentials;
    private final Workspace ws;

    /** Each site's recorded token and CA files, as they are on this machine. */
    public TusSitePusher(TusOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.credentials = null;
        this.ws = null;
    }

    /**
     * For a workspace's sites: the token from this machine's credentials folder (or the site's recorded path), the
     * CA certificate stored in the workspace database (or the recorded CA file).
     */
    public TusSitePusher(TusOptions options, SiteCredentials credentials) {
        this.options = Objects.requireNonNull(options, "options");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.ws = null;
    }

    /**
     * For a workspace's sites, as {@link #TusSitePusher(TusOptions, SiteCredentials)} with its credentials; the
     * harvest of a site whose agent key is recorded reads and verifies its signed status.
     */
    public TusSitePusher(TusOptions options, Workspace ws) {
        this.options = Objects.requireNonNull(options, "options");
        this.ws = Objects.requireNonNull(ws, "ws");
        this.credentials = ws.credentials();
    }

    /**
     * A client for the stored site. A token missing on this machine is a {@link
     * io.patchbay.model.workspace.MissingCredential}: a failure of this machine, retried.
     */
    public TusClient client(Site site) {
        if (credentials == null) {
            return client(site.spec());
        }
        Path token = credentials.tokenFile(site);
        HttpsEndpoint endpoint = HttpsEndpoint.parse(site.spec().endpoint().toString());
        SSLContext tls = site.sharedCaCertificate()
                .map(pem -> TlsTrust.trustingOnly(pem, "the CA certificate stored for site " + site.name()))
                .orElseGet(() -> TlsTrust.forSite(Optional.ofNullable(site.spec().caCertFile())));
        return TusClient.forSite(endpoint, token, tls, options);
    }

    /** A client for a site as described (stored or still being edited). */
    public TusClient client(SiteSpec spec) {
        return TusClient.forSite(HttpsEndpoint.parse(spec.endpoint().toString()), spec.tokenFile(),
                Optional.ofNullable(spec.caCertFile()), options);
    }

    /**
     * Reaches the site's agent as a push would (TLS verified, bearer token) and asks what it offers; a refusal
     * (TLS, token, network) is a one-line PatchbayException.
     */
    public HttpsProbeReport probe(SiteSpec spec) {
        return probe(client(spec));
    }

    /** As {@link #probe(SiteSpec)}, for a stored site with this pusher's credentials. */
    public HttpsProbeReport probe(Site site) {
        return probe(client(site));
    }

    private static HttpsProbeReport probe(TusClient client) {
        return new HttpsProbeReport(client.endpoint().toString(), client.discover(), client.statusFileNames().size());
    }

    @Override
    public void push(PushJob job, PushProgress progress, Cancellation cancel) {
        io.patchbay.transport.https.Cancellation httpsCancel = new io.patchbay.transport.https.Cancellation();
        if (cancel.isCancelled()) {
            throw new Cancellation.CancelledException();
        }
        UploadListener listener = new UploadListener() {
            @Override
            public void uploadCreated(URI uploadUrl) {
                progress.resumableAt(uploadUrl.toString());
            }

            @Override
            public void progress(long sent, long total) {
                // The worker's flag is polled at each chunk: the tus client has its own cancellation.
                if (cancel.isCancelled()) {
                    httpsCancel.cancel();
                }
                progress.sent(sent, total);
            }
        };
        try {
            client(job.site()).upload(job.kit(), job.kitFileName(),
                    job.resumeUrl() == null ? null : URI.create(job.resumeUrl()), listener, httpsCancel);
        } catch (TusException e) {
            if (e.cancelled()) {
                throw new Cancellation.CancelledException();
            }
            throw e;
        }
    }

    @Override
    public SiteHarvest harvest(Site site) {
        TusClient client = client(site);
        List<String> names = client.statusFileNames();
        if (ws != null && ws.siteAgentKeys().find(site.name()).isPresent()) {
            // Held to the checks of status import (the same code as SFTP's): foreign, changed, replayed, missing.
            return ReportBundleImport.harvested(ws, names.contains(StatusReports.SIGNED_REPORT_FILE)
                            ? Optional.of(client.statusFile(StatusReports.SIGNED_REPORT_FILE,
                            ReportBundleImport.MAX_SIGNED_REPORT_BYTES)) : Optional.empty(), site.name(),
                    client.endpoint() + HttpsEndpoint.STATUS_PATH + StatusReports.SIGNED_REPORT_FILE);
        }
        List<String> problems = new ArrayList<>();
        // A broken site or health report is named, and does not hide the patch reports.
        Optional<AgentReport> agent = Optional.empty();
        Optional<AgentHealth> health = Optional.empty();
        try {
            agent = client.agentReport(names);
        } catch (PatchbayException e) {
            problems.add(e.getMessage());
        }
        try {
            health = client.healthReport(names);
        } catch (PatchbayException e) {
            problems.add(e.getMessage());
        }
        return new SiteHarvest(client.patchReports(names), agent, health, problems);
    }
}
