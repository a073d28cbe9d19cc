package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.LocalFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flow inputs and step inputs given on the command line — {@code -i NAME=VALUE}, {@code --set STEP.INPUT=VALUE}
 * and {@code --set-file STEP.INPUT=PATH} (a file of this machine) — shared by replays and snapshots.
 */
final class InputOptions {

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE", description = "A flow input (repeatable).")
    List<String> inputs;

    @Option(names = "--set", paramLabel = "STEP.INPUT=VALUE", description = "A step's input (repeatable).")
    List<String> set;

    @Option(names = "--set-file", paramLabel = "STEP.INPUT=PATH", description = "Give a step's input a file (repeatable).")
    List<String> setFile;

    Map<String, JsonNode> parameters() {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        KeyValues.parse(inputs, "-i").forEach((k, v) -> parameters.put(k, Format.text(v)));
        return parameters;
    }

    Map<String, Map<String, JsonNode>> stepInputs() {
        Map<String, Map<String, JsonNode>> steps = new LinkedHashMap<>();
        ReplayOptions.dotted(set, "--set").forEach((step, values) -> values.forEach((k, v) ->
                steps.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(k, Format.text(v))));
        ReplayOptions.dotted(setFile, "--set-file").forEach((step, values) -> values.forEach((k, v) ->
                steps.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(k, new LocalFile(Path.of(v)).toJson())));
        return steps;
    }
}
