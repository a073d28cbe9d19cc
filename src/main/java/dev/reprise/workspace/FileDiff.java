package dev.reprise.workspace;

import dev.reprise.flow.FlowFile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How one file of a flow differs between two revisions ({@code flow.yaml} or a file of a flow folder): whether it
 * was added, removed or changed, each side as the revision holds it ({@code left} null for an added file,
 * {@code right} for a removed one), and, for text, its {@link LineDiff}. A file that is not UTF-8 text (it has a
 * NUL byte, or bytes that are no UTF-8) is {@link Content#BINARY}, and one larger than {@link #MAX_TEXT_BYTES} on
 * either side is {@link Content#TOO_LARGE}: both are named, with their sizes, and not compared line by line
 * ({@code lines} is null). Immutable.
 */
public record FileDiff(String path, Change change, Content content, FlowFile left, FlowFile right, LineDiff lines) {

    /**
     * The largest file compared line by line: 256 KiB, some 6,000 lines of code, more than a script of a flow
     * holds. The line diff's work grows with the lines times the lines that differ: two files of 6,000 lines that
     * differ throughout take about a second, four times as many lines twenty or more; a larger file is more likely
     * data than code, and its rows side by side more than anyone reads.
     */
    public static final long MAX_TEXT_BYTES = 256L * 1024;

    /** What happened to the file from the left revision to the right one. */
    public enum Change { ADDED, REMOVED, CHANGED, UNCHANGED }

    /** Whether the file was compared line by line, and if not, why. */
    public enum Content { TEXT, BINARY, TOO_LARGE }

    public FileDiff {
        if ((content == Content.TEXT) != (lines != null)) {
            throw new IllegalArgumentException("a text file has its line diff, and only a text file: " + path);
        }
    }

    /**
     * The diff of a file from {@code leftBytes} to {@code rightBytes} (null for the side where it is not), which
     * the caller read only when {@link #readsContent} says so.
     */
    static FileDiff of(String path, FlowFile left, byte[] leftBytes, FlowFile right, byte[] rightBytes) {
        Change change = left == null ? Change.ADDED : right == null ? Change.REMOVED
                : left.sha256().equals(right.sha256()) ? Change.UNCHANGED : Change.CHANGED;
        if (!readsContent(left, right)) {
            return new FileDiff(path, change, Content.TOO_LARGE, left, right, null);
        }
        String leftText = text(leftBytes);
        String rightText = text(rightBytes);
        if (leftBytes != null && leftText == null || rightBytes != null && rightText == null) {
            return new FileDiff(path, change, Content.BINARY, left, right, null);
        }
        return new FileDiff(path, change, Content.TEXT, left, right, LineDiff.of(leftText, rightText));
    }

    /** Whether the file's bytes are needed: not when a side is over {@link #MAX_TEXT_BYTES}. */
    static boolean readsContent(FlowFile left, FlowFile right) {
        return (left == null || left.size() <= MAX_TEXT_BYTES) && (right == null || right.size() <= MAX_TEXT_BYTES);
    }

    /** The bytes as UTF-8 text; null when they have a NUL byte or are not UTF-8 (a binary file), or are null. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Lines on the right that are not on the left; 0 when not compared line by line. */
    public int linesAdded() {
        return lines == null ? 0 : lines.linesAdded();
    }

    /** Lines on the left that are not on the right; 0 when not compared line by line. */
    public int linesRemoved() {
        return lines == null ? 0 : lines.linesRemoved();
    }

    /**
     * What changed, in words, as the window and the command line both say it: "added, 12 lines", "2 changed,
     * 1 added", "binary, 1,024 → 2,048 bytes, not compared line by line".
     */
    public String summary() {
        String sizes = sizes();
        return switch (content) {
            case BINARY -> change(change) + "binary, " + sizes + ", not compared line by line";
            case TOO_LARGE -> change(change) + sizes + ", too large to compare line by line (over "
                    + bytes(MAX_TEXT_BYTES) + ")";
            case TEXT -> switch (change) {
                case ADDED -> "added, " + lines(lines.rows().size());
                case REMOVED -> "removed, " + lines(lines.rows().size());
                case CHANGED -> lines.identical() ? "the same lines, with other line breaks" : lines.summary();
                case UNCHANGED -> lines.summary();
            };
        };
    }

    private static String change(Change change) {
        return switch (change) {
            case ADDED -> "added, ";
            case REMOVED -> "removed, ";
            case CHANGED, UNCHANGED -> "";
        };
    }

    private String sizes() {
        if (left == null || right == null) {
            return bytes((left == null ? right : left).size());
        }
        return left.size() == right.size() ? bytes(left.size())
                : String.format(Locale.ROOT, "%,d → %s", left.size(), bytes(right.size()));
    }

    private static String bytes(long size) {
        return String.format(Locale.ROOT, "%,d %s", size, size == 1 ? "byte" : "bytes");
    }

    private static String lines(int count) {
        return count + (count == 1 ? " line" : " lines");
    }
}
