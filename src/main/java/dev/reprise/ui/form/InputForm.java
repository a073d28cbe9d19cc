package dev.reprise.ui.form;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.InputType;
import dev.reprise.run.ArtifactRef;
import dev.reprise.ui.common.FileChoices;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.FxFileChoices;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Draws an {@link InputFormModel}: a row per field with its label, a control that fits its type (text,
 * number, check box, choice, date picker, date and time, duration, JSON editor, file chooser with a preview of
 * the current artifact), a reset button while it is edited, and below it what the field accepts or, in red,
 * why its value is not valid (also shown as a ControlsFX validation decoration). Edited fields carry the
 * {@code :edited} pseudo-class. Controls are named {@code #field-<key>}, messages {@code #message-<key>},
 * reset buttons {@code #reset-<key>}, the key's dots and brackets written as dashes. FX thread only.
 */
public final class InputForm extends VBox {

    private static final String CSS = InputForm.class.getResource("form.css").toExternalForm();
    private static final PseudoClass EDITED = PseudoClass.getPseudoClass("edited");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final InputFormModel model;
    private final ArtifactPreview preview;
    private final GridPane grid = new GridPane();
    private final Label empty = new Label();
    private ValidationSupport validation;

    /** @param preview loads a file artifact's beginning for the preview; null for none */
    public InputForm(InputFormModel model, ArtifactPreview preview) {
        this.model = model;
        this.preview = preview;
        getStyleClass().add("input-form");
        getStylesheets().add(CSS);
        grid.setHgap(8);
        grid.setVgap(2);
        ColumnConstraints marker = new ColumnConstraints(3);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setMaxWidth(180);
        ColumnConstraints control = new ColumnConstraints();
        control.setHgrow(Priority.ALWAYS);
        control.setFillWidth(true);
        ColumnConstraints reset = new ColumnConstraints(28);
        grid.getColumnConstraints().setAll(marker, label, control, reset);
        empty.getStyleClass().add("muted");
        getChildren().setAll(grid);
        model.fields().addListener((ListChangeListener<FieldModel>) c -> rebuild());
        rebuild();
    }

    /** What to say when the form has no field ("This step has no inputs"). */
    public void setEmptyText(String text) {
        empty.setText(text);
    }

    /** The id of the control of the field {@code key}: {@code field-steps-parse-inputs-file}. */
    public static String controlId(String key) {
        return "field-" + idOf(key);
    }

    public static String messageId(String key) {
        return "message-" + idOf(key);
    }

    public static String resetId(String key) {
        return "reset-" + idOf(key);
    }

    private static String idOf(String key) {
        return key.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-+$", "");
    }

    private void rebuild() {
        grid.getChildren().clear();
        validation = new ValidationSupport();
        validation.setErrorDecorationEnabled(true);
        if (model.fields().isEmpty()) {
            grid.add(empty, 1, 0, 3, 1);
            return;
        }
        int row = 0;
        for (FieldModel field : model.fields()) {
            addRow(field, row);
            row += 2;
        }
    }

    private void addRow(FieldModel field, int row) {
        FieldSpec spec = field.spec();
        Region marker = new Region();
        marker.getStyleClass().add("edited-marker");
        Label label = new Label(spec.label() + (spec.required() ? " *" : ""));
        label.getStyleClass().add("field-label");
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setTooltip(new Tooltip((spec.description() != null ? spec.description() + "\n" : "") + spec.hint()));
        Editor editor = editorFor(field);
        editor.main().setId(controlId(spec.key()));
        editor.main().getStyleClass().add("field-control");
        Button reset = new Button(null, new FontIcon(Material2MZ.SETTINGS_BACKUP_RESTORE));
        reset.setId(resetId(spec.key()));
        reset.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        reset.setTooltip(new Tooltip("Back to the original value: " + abbreviate(field.originalText())));
        reset.setAccessibleText("Reset " + spec.key() + " to its original value");
        reset.setOnAction(e -> field.reset());
        Label message = new Label();
        message.setId(messageId(spec.key()));
        message.getStyleClass().add("field-message");
        message.setWrapText(true);

        Runnable state = () -> {
            boolean edited = field.isEdited();
            String error = field.error();
            for (Node n : new Node[] {marker, label, editor.node()}) {
                n.pseudoClassStateChanged(EDITED, edited);
            }
            reset.setVisible(edited || !field.textProperty().get().equals(field.originalText()));
            message.pseudoClassStateChanged(INVALID, error != null);
            message.setText(error != null ? error : spec.hint()
                    + (edited ? "   ·   was " + abbreviate(field.originalText()) : "")
                    + (spec.note() != null ? "   ·   " + spec.note() : ""));
            validation.revalidate(editor.main());
        };
        field.editedProperty().addListener(o -> state.run());
        field.errorProperty().addListener(o -> state.run());
        field.textProperty().addListener(o -> state.run());
        validation.registerValidator(editor.main(), false, (Control c, Object v) ->
                ValidationResult.fromErrorIf(c, String.valueOf(field.error()), field.error() != null));
        state.run();

        GridPane.setValignment(label, VPos.TOP);
        GridPane.setHalignment(reset, HPos.CENTER);
        GridPane.setValignment(reset, VPos.TOP);
        label.setPadding(new Insets(5, 0, 0, 0));
        grid.add(marker, 0, row, 1, 2);
        grid.add(label, 1, row);
        grid.add(editor.node(), 2, row);
        grid.add(reset, 3, row);
        grid.add(message, 2, row + 1, 2, 1);
        GridPane.setFillHeight(marker, true);
        marker.setMaxHeight(Double.MAX_VALUE);
    }

    /** The node placed in the row and the control that validation decorates. */
    private record Editor(Node node, Control main) {
    }

    private Editor editorFor(FieldModel field) {
        FieldSpec spec = field.spec();
        if (spec.type() == null) {
            boolean multiLine = field.originalText().contains("\n") || field.originalText().length() > 80;
            return multiLine ? area(field, false) : text(field);
        }
        return switch (spec.type()) {
            case BOOLEAN -> checkBox(field);
            case ENUM -> choice(field);
            case DATE -> date(field);
            case DATETIME -> dateTime(field);
            case JSON -> area(field, true);
            case FILE -> file(field);
            case STRING, INTEGER, NUMBER, DURATION -> text(field);
        };
    }

    private static Editor text(FieldModel field) {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(field.textProperty());
        text.setPromptText(field.spec().hint());
        if (field.spec().type() == InputType.INTEGER || field.spec().type() == InputType.NUMBER) {
            text.setPrefColumnCount(10);
        }
        return new Editor(text, text);
    }

    private static Editor area(FieldModel field, boolean json) {
        TextArea area = new TextArea();
        area.textProperty().bindBidirectional(field.textProperty());
        area.getStyleClass().add("mono");
        area.setWrapText(!json);
        long lines = Math.max(2, field.originalText().lines().count());
        area.setPrefRowCount((int) Math.min(8, lines + 1));
        area.setPromptText(json ? "JSON, e.g. [1, 2] or {\"a\": 1} or \"text\"" : "text or JSON");
        return new Editor(area, area);
    }

    private static Editor checkBox(FieldModel field) {
        CheckBox box = new CheckBox();
        box.setSelected(Boolean.parseBoolean(field.textProperty().get().trim()));
        box.selectedProperty().addListener((o, a, b) -> field.textProperty().set(String.valueOf(b)));
        field.textProperty().addListener((o, a, b) -> box.setSelected(Boolean.parseBoolean(b.trim())));
        box.textProperty().bind(field.textProperty().map(t -> t.isBlank() ? "(no value)" : t.trim()));
        return new Editor(box, box);
    }

    private static Editor choice(FieldModel field) {
        ComboBox<String> combo = new ComboBox<>();
        if (field.spec().constraints() != null) {
            combo.getItems().setAll(field.spec().constraints().values());
        }
        combo.setValue(field.textProperty().get());
        combo.valueProperty().addListener((o, a, b) -> field.textProperty().set(b == null ? "" : b));
        field.textProperty().addListener((o, a, b) -> combo.setValue(b));
        combo.setMaxWidth(Double.MAX_VALUE);
        return new Editor(combo, combo);
    }

    private static Editor date(FieldModel field) {
        DatePicker picker = new DatePicker();
        picker.setEditable(true);
        picker.setPromptText("yyyy-mm-dd");
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : d.toString();
            }

            @Override
            public LocalDate fromString(String s) {
                return parseDate(s);
            }
        });
        picker.setValue(parseDate(field.textProperty().get()));
        picker.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                field.textProperty().set(b.toString());
            }
        });
        picker.getEditor().textProperty().addListener((o, a, b) -> field.textProperty().set(b));
        field.textProperty().addListener((o, a, b) -> {
            if (!picker.getEditor().getText().equals(b)) {
                picker.getEditor().setText(b);
            }
            LocalDate d = parseDate(b);
            if (d != null && !d.equals(picker.getValue())) {
                picker.setValue(d);
            }
        });
        return new Editor(picker, picker.getEditor());
    }

    private static Editor dateTime(FieldModel field) {
        DatePicker picker = new DatePicker();
        picker.setPrefWidth(140);
        TextField time = new TextField();
        time.setPromptText("12:00:00Z");
        time.setPrefColumnCount(12);
        boolean[] syncing = {false};
        Runnable fromField = () -> {
            String t = field.textProperty().get();
            int at = t.indexOf('T');
            syncing[0] = true;
            picker.setValue(parseDate(at > 0 ? t.substring(0, at) : t));
            time.setText(at > 0 ? t.substring(at + 1) : "");
            syncing[0] = false;
        };
        Runnable toField = () -> {
            if (!syncing[0]) {
                field.textProperty().set((picker.getValue() == null ? "" : picker.getValue().toString()) + "T"
                        + time.getText());
            }
        };
        fromField.run();
        picker.valueProperty().addListener(o -> toField.run());
        time.textProperty().addListener(o -> toField.run());
        field.textProperty().addListener(o -> {
            if (!syncing[0]) {
                String expected = (picker.getValue() == null ? "" : picker.getValue().toString()) + "T" + time.getText();
                if (!expected.equals(field.textProperty().get())) {
                    fromField.run();
                }
            }
        });
        HBox box = new HBox(6, picker, time);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(time, Priority.ALWAYS);
        return new Editor(box, time);
    }

    private Editor file(FieldModel field) {
        Label current = new Label();
        current.getStyleClass().add("mono");
        current.setWrapText(true);
        TextField path = new TextField();
        path.setPromptText("path of a new file, or Choose…");
        boolean[] syncing = {false};
        Runnable show = () -> {
            String t = field.textProperty().get();
            boolean ref = t.trim().startsWith("{");
            current.setText(ref ? describe(field.spec().original()) : t.isBlank() ? "(no file)" : "new file: " + t);
            syncing[0] = true;
            if (ref && !path.getText().isEmpty()) {
                path.setText("");
            } else if (!ref && !path.getText().equals(t)) {
                path.setText(t);
            }
            syncing[0] = false;
        };
        path.textProperty().addListener((o, a, b) -> {
            if (!syncing[0]) {
                field.textProperty().set(b.isEmpty() ? field.originalText() : b);
            }
        });
        field.textProperty().addListener(o -> show.run());
        show.run();
        Button choose = new Button("Choose…", new FontIcon(Material2AL.FOLDER_OPEN));
        choose.getStyleClass().add(Styles.SMALL);
        choose.setOnAction(e -> {
            new FxFileChoices(() -> getScene() == null ? null : getScene().getWindow())
                    .open("A file for " + field.spec().label(), FileChoices.Kind.ANY)
                    .ifPresent(chosen -> field.textProperty().set(chosen.toAbsolutePath().toString()));
        });
        HBox line = new HBox(6, path, choose);
        HBox.setHgrow(path, Priority.ALWAYS);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, current, line);
        if (preview != null && ArtifactRef.isRef(field.spec().original())) {
            TextArea text = new TextArea("loading…");
            text.setEditable(false);
            text.getStyleClass().add("mono");
            text.setPrefRowCount(6);
            TitledPane pane = new TitledPane("Preview of the current file", text);
            pane.setExpanded(false);
            pane.getStyleClass().add(Styles.DENSE);
            boolean[] loaded = {false};
            pane.expandedProperty().addListener((o, a, open) -> {
                if (open && !loaded[0]) {
                    loaded[0] = true;
                    preview.load(field.spec().original(), text::setText);
                }
            });
            box.getChildren().add(pane);
        }
        return new Editor(box, path);
    }

    private static String describe(JsonNode original) {
        return original == null ? "(no file)" : "current: " + Formats.value(original);
    }

    private static LocalDate parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        if (oneLine.isEmpty()) {
            return "(empty)";
        }
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }

    public InputFormModel model() {
        return model;
    }
}
