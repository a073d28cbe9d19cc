package dev.reprise.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what is left of a request's body once its answer has been written. A request refused before
 * its body was read (a JSON body over the size limit, an upload with a bad token) may still be sending it; Jetty
 * 12 then closes the connection, and a client still writing, or sending its next request on that connection,
 * loses the answer with it ("broken pipe" instead of a 413 or a 401). Drained, the connection stays open: the
 * client finishes sending and reads the answer. A body longer than {@code limit} (the most any call takes) is
 * cut off with the connection.
 * Stateless; thread-safe.
 */
final class UnreadBodyDrain implements Filter {

    private final long limit;

    UnreadBodyDrain(long limit) {
        this.limit = limit;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        // a 408 says the body stopped arriving: there is nothing more to read, and waiting for it would hold the answer
        boolean stalled = response instanceof HttpServletResponse http && http.getStatus() == 408;
        if (!request.isAsyncStarted() && !stalled && hasBody(request)) {
            drain(request);
        }
    }

    private static boolean hasBody(ServletRequest request) {
        return request.getContentLengthLong() > 0 || (request instanceof HttpServletRequest http
                && http.getHeader("Transfer-Encoding") != null);
    }

    private void drain(ServletRequest request) {
        byte[] buffer = new byte[64 * 1024];
        long left = limit;
        try {
            InputStream in = request.getInputStream();
            for (int n = 0; n >= 0 && left > 0; n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the body stopped arriving, or the client went away: Jetty closes the connection
        }
    }
}
