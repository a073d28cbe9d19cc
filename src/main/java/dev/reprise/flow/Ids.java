package dev.reprise.flow;

import java.util.regex.Pattern;

/**
 * The shape of a flow id, in one place: what a flow file may declare, what a request may name, and what
 * the store's column holds. A letter, then letters, digits, {@code _ . -}, at most {@value #MAX_FLOW_ID}
 * characters in all. Stateless.
 */
public final class Ids {

    /** The longest flow id; the store keeps flow ids in columns of this width. */
    public static final int MAX_FLOW_ID = 200;

    /** A flow id's rule in words, to end a sentence that says which id broke it. */
    public static final String FLOW_ID_RULE = "a flow id is a letter followed by letters, digits, '_', '.' or '-', "
            + "at most " + MAX_FLOW_ID + " characters in all";

    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0," + (MAX_FLOW_ID - 1) + "}");

    private Ids() {
    }

    /** True if {@code id} is a well-formed flow id. */
    public static boolean isFlowId(String id) {
        return id != null && FLOW_ID.matcher(id).matches();
    }
}
