package dev.reprise.bench;

/** Flows the benchmarks run, written out as YAML. */
public final class Flows {

    private Flows() {
    }

    /**
     * A flow of {@code wide} independent chains, each {@code deep} steps long ({@code s<layer>_<chain>}), every
     * step written as {@code { stepBody, needs: [its predecessor] }}.
     */
    public static String chains(String id, int wide, int deep, String stepBody) {
        StringBuilder yaml = new StringBuilder("id: " + id + "\nsteps:\n");
        for (int layer = 0; layer < deep; layer++) {
            for (int i = 0; i < wide; i++) {
                yaml.append("  s").append(layer).append('_').append(i).append(": { ").append(stepBody);
                if (layer > 0) {
                    yaml.append(", needs: [s").append(layer - 1).append('_').append(i).append(']');
                }
                yaml.append(" }\n");
            }
        }
        return yaml.toString();
    }
}
