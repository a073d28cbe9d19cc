package dev.reprise.ui.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What the preview pane shows for one value: text, a JSON tree, a CSV table, an image, or a message. */
public sealed interface Preview {

    record Text(String text, boolean truncated) implements Preview {
    }

    record Json(JsonNode value) implements Preview {
    }

    record Table(List<String> header, List<List<String>> rows, boolean truncated) implements Preview {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    record Image(byte[] bytes, String name) implements Preview {
    }

    record Message(String text) implements Preview {
    }
}
