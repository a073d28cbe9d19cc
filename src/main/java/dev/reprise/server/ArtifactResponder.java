package dev.reprise.server;

import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.Workspace;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams an artifact's bytes, whole or one byte range ({@code Range: bytes=a-b}, {@code a-},
 * {@code -n}), with {@code Accept-Ranges}, an {@code ETag} (the digest: the content never changes) and
 * 416 for a range outside the artifact. A request for several ranges gets the whole artifact, as HTTP
 * allows. Stateless.
 */
final class ArtifactResponder {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private ArtifactResponder() {
    }

    static void answer(Request request, Workspace workspace) throws IOException {
        String digest = request.digest();
        long size;
        try {
            size = size(workspace, digest);
        } catch (NotFoundException e) {
            // the workspace's own message names its folder, which is no business of a client
            throw new NotFoundException("no artifact with SHA-256 " + digest + " on this server");
        }
        HttpServletResponse response = request.context().res();
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("ETag", "\"" + digest + "\"");
        response.setHeader("Cache-Control", "private, max-age=31536000, immutable");
        response.setContentType("application/octet-stream");
        long start = 0;
        long end = size - 1;
        String range = request.header("Range");
        if (range != null && !range.contains(",")) {
            Matcher matcher = RANGE.matcher(range.trim());
            if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                throw ApiException.badRequest("bad Range header '" + Request.printable(range)
                        + "' (expected bytes=START-END, bytes=START- or bytes=-LENGTH)");
            }
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                start = Math.max(0, size - suffix);
            } else {
                start = Long.parseLong(matcher.group(1));
                if (!matcher.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(matcher.group(2)));
                }
            }
            if (start >= size || start > end) {
                response.setHeader("Content-Range", "bytes */" + size);
                throw new ApiException(416, "range " + Request.printable(range) + " is outside the artifact of "
                        + size + " bytes");
            }
            response.setStatus(206);
            response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        } else {
            response.setStatus(200);
        }
        long length = end - start + 1;
        response.setContentLengthLong(length);
        try (InputStream in = workspace.openArtifact(digest)) {
            in.skipNBytes(start);
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
        }
    }

    /** The contract has no size call; the local workspace's stream seeks, so skipping to the end is cheap. */
    private static long size(Workspace workspace, String digest) throws IOException {
        try (InputStream in = workspace.openArtifact(digest)) {
            long total = 0;
            for (long skipped = in.skip(Long.MAX_VALUE); skipped > 0; skipped = in.skip(Long.MAX_VALUE)) {
                total += skipped;
            }
            // a stream that does not skip past its end is read to it
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
            return total;
        }
    }
}
