package io.patchbay.transport.https;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads at most the first few hundred bytes of a response body as a one-line reason (what the agent says
 * when it refuses), discarding the rest, so a hostile or broken server cannot make the client buffer much.
 */
final class ReasonBody implements Flow.Subscriber<List<ByteBuffer>> {
    private static final int MAX_BYTES = 300;

    private final byte[] bytes = new byte[MAX_BYTES];
    private int length;

    static HttpResponse.BodyHandler<String> handler() {
        return info -> {
            ReasonBody body = new ReasonBody();
            return HttpResponse.BodySubscribers.fromSubscriber(body, ReasonBody::reason);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int n = Math.min(buffer.remaining(), MAX_BYTES - length);
            buffer.get(bytes, length, n);
            length += n;
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // The status line is what matters; a body cut short leaves a shorter reason.
    }

    @Override
    public void onComplete() {
        // nothing to finish
    }

    /** The first line, printable ASCII only, or empty. */
    String reason() {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7e]", "?").trim();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
