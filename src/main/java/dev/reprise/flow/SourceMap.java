package dev.reprise.flow;

import java.util.Collections;
import java.util.Map;

/**
 * Where each node of a flow file is: the position of every value and of every map key, by JSON pointer
 * ({@code /steps/count/needs/0}). Lookups of a node that is absent fall back to its nearest ancestor, so a
 * problem is always reported somewhere sensible. Built by {@link FlowParser}; immutable and thread-safe.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, SourcePos> values;
    private final Map<String, SourcePos> keys;

    /** Takes ownership of the maps: the caller must not change them afterwards (copying 10,000 steps' worth costs). */
    SourceMap(String file, Map<String, SourcePos> values, Map<String, SourcePos> keys) {
        this.file = file;
        this.values = Collections.unmodifiableMap(values);
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** A map that knows no positions: every lookup answers the file alone. */
    public static SourceMap empty(String file) {
        return new SourceMap(file, Map.of(), Map.of());
    }

    public String file() {
        return file;
    }

    /** Where the value at {@code pointer} starts, or where its nearest present ancestor does. */
    public SourcePos at(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            SourcePos pos = values.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return SourcePos.unknown(file);
            }
        }
    }

    /** Where the key of the map entry at {@code pointer} is; for a list element or the root, its value. */
    public SourcePos keyAt(String pointer) {
        SourcePos pos = keys.get(pointer);
        return pos != null ? pos : at(pointer);
    }

    /** Whether the file has a node at {@code pointer}. */
    public boolean has(String pointer) {
        return values.containsKey(pointer);
    }

    /** The JSON pointer of {@code tokens} below the root: {@code pointer("steps", "a/b")} is {@code /steps/a~1b}. */
    public static String pointer(String... tokens) {
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            out.append('/').append(escape(token));
        }
        return out.toString();
    }

    static String child(String parent, String token) {
        return parent + '/' + escape(token);
    }

    static String child(String parent, int index) {
        return parent + '/' + index;
    }

    private static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }
}
