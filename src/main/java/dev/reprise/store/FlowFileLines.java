package dev.reprise.store;

import dev.reprise.flow.FlowFile;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of the {@code files} column of {@code flow_revision}: one line per file, {@code <sha256> <size> <path>}
 * (the path last, so that it may hold spaces; paths never hold line breaks), null for no files. Plain text
 * rather than JSON so that the garbage collection finds the digests without parsing. Stateless.
 */
final class FlowFileLines {

    private FlowFileLines() {
    }

    static String write(List<FlowFile> files) {
        if (files.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(files.size() * 96);
        for (FlowFile file : files) {
            text.append(file.sha256()).append(' ').append(file.size()).append(' ').append(file.path()).append('\n');
        }
        return text.toString();
    }

    static List<FlowFile> read(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<FlowFile> files = new ArrayList<>();
        for (String line : text.split("\n")) {
            int first = line.indexOf(' ');
            int second = line.indexOf(' ', first + 1);
            files.add(new FlowFile(line.substring(second + 1), Long.parseLong(line.substring(first + 1, second)),
                    line.substring(0, first)));
        }
        return files;
    }

    /** The digests named by a column's text. */
    static List<String> digests(String text) {
        return read(text).stream().map(FlowFile::sha256).toList();
    }
}
