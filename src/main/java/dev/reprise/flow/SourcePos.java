package dev.reprise.flow;

/** A place in a flow file: 1-based line and column. */
public record SourcePos(String file, int line, int column) {

    public static SourcePos unknown(String file) {
        return new SourcePos(file, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? String.valueOf(file) : file + ":" + line + ":" + column;
    }
}
