package io.patchbay.model.io;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for file work submitted to a pool: the first failure is thrown as it was, the rest cancelled. */
public final class ParallelJobs {
    private ParallelJobs() {
    }

    public static void awaitAll(List<? extends Future<?>> jobs, String what) throws IOException {
        for (Future<?> job : jobs) {
            try {
                job.get();
            } catch (ExecutionException ex) {
                jobs.forEach(j -> j.cancel(false));
                Throwable cause = ex.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(cause);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during " + what, ex);
            }
        }
    }
}
