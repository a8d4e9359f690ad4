using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>
/// Reads a form-js schema (schemaVersion 16, the form-js editor's format) into the components the
/// server checks, and reports every part it cannot check: an unknown component type, a file picker
/// (there is no file store), a condition beyond <see cref="FeelCondition"/>'s subset, a pattern
/// that is not a regular expression (run with .NET's ECMAScript option, so <c>\d</c> and <c>\w</c>
/// are ASCII as in JavaScript), a malformed rule, a field key that is not a dot-separated path of names
/// (as the form-js editor requires), two fields bound to one path. Display components (text, html, image,
/// spacer, separator, button, iframe, table, documentPreview) are skipped. Each problem names its place
/// in the schema (<see cref="FormProblem"/>).
/// </summary>
internal static class FormReader
{
    /// <summary>How long one <c>validate.pattern</c> may run on one value before the value is refused.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly HashSet<string> DisplayTypes = new(
        ["text", "html", "image", "spacer", "separator", "button", "iframe", "table", "documentPreview", "default"], StringComparer.Ordinal);

    private static readonly HashSet<string> ValueTypes = new(
        ["textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select", "taglist", "expression"], StringComparer.Ordinal);

    private static readonly HashSet<string> ListedTypes = new(["radio", "select", "checklist", "taglist"], StringComparer.Ordinal);

    /// <summary>A key or path as the form-js editor accepts it: names of letters, digits and <c>_</c>, separated by dots.</summary>
    private static readonly Regex DotPath = new(@"^\w+(\.\w+)*$", RegexOptions.ECMAScript | RegexOptions.CultureInvariant);

    /// <summary>Reads a schema; <paramref name="problems"/> gets one line per part that cannot be checked.</summary>
    /// <param name="key">The form key, for messages.</param>
    /// <param name="schema">The schema's root object.</param>
    /// <param name="problems">Receives the problems.</param>
    public static TaskForm Read(string key, JsonElement schema, List<FormProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("components", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new FormProblem(string.Empty, null, null, FormProblemCodes.NoComponents, null, "the schema has no 'components' array"));
            return new TaskForm(key, []);
        }

        var reading = new Reading(problems);
        var components = Components(list, "components", reading);
        CheckPaths(components, [], new Dictionary<string, string>(StringComparer.Ordinal), reading);
        return new TaskForm(key, components);
    }

    private static List<FormComponent> Components(JsonElement list, string path, Reading reading)
    {
        var result = new List<FormComponent>();
        var index = 0;
        foreach (var component in list.EnumerateArray())
        {
            if (Component(component, $"{path}[{index++}]", reading) is { } read)
            {
                result.Add(read);
            }
        }

        return result;
    }

    private static FormComponent? Component(JsonElement component, string path, Reading reading)
    {
        var type = Text(component, "type") ?? string.Empty;
        var id = Text(component, "id") ?? Text(component, "key") ?? $"({type})";
        var problems = new Problems(path, id, Text(component, "key") ?? Text(component, "path"), reading.All);
        reading.Places.TryAdd(id, problems);
        var hide = Hide(component, problems);
        if (DisplayTypes.Contains(type))
        {
            return null;
        }

        switch (type)
        {
            case "group":
                return new FormGroup(id, hide, Segments(CheckPath(Text(component, "path"), problems)), Children(component, path, reading));
            case "dynamiclist":
                if (Text(component, "path") is not { Length: > 0 } listPath)
                {
                    problems.Add(FormProblemCodes.MissingListPath, null, "a dynamiclist needs a 'path'");
                    return null;
                }

                var repetitions = Integer(component, "defaultRepetitions", problems) ?? 1;
                return new FormList(id, hide, Segments(CheckPath(listPath, problems)), Text(component, "label") ?? listPath, Math.Max(0, repetitions), Children(component, path, reading));
            case "filepicker":
                problems.Add(FormProblemCodes.FilePicker, type, "file pickers are not supported (the service has no file store)");
                return null;
        }

        if (!ValueTypes.Contains(type))
        {
            problems.Add(FormProblemCodes.UnsupportedType, type, $"the component type '{type}' is not supported");
            return null;
        }

        if (Text(component, "key") is not { Length: > 0 } key)
        {
            problems.Add(FormProblemCodes.MissingKey, type, $"a {type} field needs a 'key'");
            return null;
        }

        CheckPath(key, problems);
        return Field(component, type, id, hide, key, problems);
    }

    /// <summary>A problem when <paramref name="path"/> is given and is not a dot-separated path of names.</summary>
    private static string? CheckPath(string? path, Problems problems)
    {
        if (path is { Length: > 0 } && !DotPath.IsMatch(path))
        {
            problems.Add(FormProblemCodes.InvalidKey, path, $"the key '{path}' is not a name or a dot-separated path of names (letters, digits and '_')");
        }

        return path;
    }

    private static FormField Field(JsonElement component, string type, string id, FeelCondition? hide, string key, Problems problems)
    {
        var validate = component.TryGetProperty("validate", out var rules) && rules.ValueKind == JsonValueKind.Object ? rules : default;
        var subtype = type == "datetime" ? Text(component, "subtype") ?? "date" : null;
        if (subtype is not (null or "date" or "time" or "datetime"))
        {
            problems.Add(FormProblemCodes.DatetimeSubtype, subtype, $"the datetime subtype '{subtype}' is not date, time or datetime");
        }

        var label = Text(component, "label")
            ?? (subtype == "time" ? Text(component, "timeLabel") : Text(component, "dateLabel") ?? Text(component, "timeLabel"))
            ?? key;
        var validationType = validate.ValueKind == JsonValueKind.Object ? Text(validate, "validationType") : null;
        if (validationType is not (null or "" or "email" or "phone"))
        {
            problems.Add(FormProblemCodes.ValidationType, validationType, $"validationType '{validationType}' is not email or phone");
        }

        return new FormField(id, hide, type, Segments(key), label)
        {
            Disabled = component.TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True,
            Required = validate.ValueKind == JsonValueKind.Object && validate.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
            MinLength = Integer(validate, "minLength", problems),
            MaxLength = Integer(validate, "maxLength", problems),
            Min = Number(validate, "min", problems),
            Max = Number(validate, "max", problems),
            Pattern = Pattern(validate, problems),
            ValidationType = validationType is { Length: > 0 } ? validationType : null,
            Values = ListedTypes.Contains(type) ? Values(component, problems) : null,
            Subtype = subtype,
            DecimalDigits = Integer(component, "decimalDigits", problems),
            Increment = Number(component, "increment", problems),
            SerializeToString = component.TryGetProperty("serializeToString", out var serialize) && serialize.ValueKind == JsonValueKind.True,
        };
    }

    private static List<FormComponent> Children(JsonElement component, string path, Reading reading) =>
        component.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array ? Components(children, path + ".components", reading) : [];

    private static FeelCondition? Hide(JsonElement component, Problems problems)
    {
        if (!component.TryGetProperty("conditional", out var conditional) || conditional.ValueKind != JsonValueKind.Object
            || !conditional.TryGetProperty("hide", out var hide) || hide.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (hide.ValueKind != JsonValueKind.String)
        {
            problems.Add(FormProblemCodes.Condition, hide.GetRawText(), "conditional.hide must be a FEEL expression text such as \"=decision = \\\"approve\\\"\"");
            return null;
        }

        try
        {
            return FeelCondition.Parse(hide.GetString()!);
        }
        catch (FormatException e)
        {
            problems.Add(FormProblemCodes.Condition, hide.GetString(), e.Message);
            return null;
        }
    }

    /// <summary>The listed values, or <see langword="null"/> when the options come from data (not checkable against a list).</summary>
    private static List<JsonElement>? Values(JsonElement component, Problems problems)
    {
        if (component.TryGetProperty("valuesKey", out _) || component.TryGetProperty("valuesExpression", out _))
        {
            return null;
        }

        if (!component.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            problems.Add(FormProblemCodes.MissingValues, null, "a field with options needs 'values', 'valuesKey' or 'valuesExpression'");
            return [];
        }

        var result = new List<JsonElement>();
        foreach (var option in values.EnumerateArray())
        {
            if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var value))
            {
                result.Add(value.Clone());
            }
            else
            {
                problems.Add(FormProblemCodes.OptionWithoutValue, null, "every entry of 'values' needs a 'value'");
            }
        }

        return result;
    }

    private static Regex? Pattern(JsonElement validate, Problems problems)
    {
        if (validate.ValueKind != JsonValueKind.Object || Text(validate, "pattern") is not { Length: > 0 } pattern)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException e)
        {
            problems.Add(FormProblemCodes.Pattern, pattern, $"the pattern '{pattern}' is not a valid regular expression: {e.Message}");
            return null;
        }
    }

    private static int? Integer(JsonElement owner, string name, Problems problems)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0)
        {
            return number;
        }

        problems.Add(FormProblemCodes.NotWholeNumber, name, $"'{name}' must be a whole number of at least 0, not {value.GetRawText()}");
        return null;
    }

    private static decimal? Number(JsonElement owner, string name, Problems problems)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        problems.Add(FormProblemCodes.NotNumber, name, $"'{name}' must be a number, not {value.GetRawText()}");
        return null;
    }

    /// <summary>Refuses two fields bound to one path, or a field path inside another field's value.</summary>
    private static void CheckPaths(IReadOnlyList<FormComponent> components, IReadOnlyList<string> prefix, Dictionary<string, string> bound, Reading problems)
    {
        foreach (var component in components)
        {
            switch (component)
            {
                case FormField field:
                    Bind([.. prefix, .. field.Key], field.Id, bound, problems);
                    break;
                case FormGroup group:
                    CheckPaths(group.Children, [.. prefix, .. group.Path], bound, problems);
                    break;
                case FormList list:
                    Bind([.. prefix, .. list.Path], list.Id, bound, problems);
                    CheckPaths(list.Children, [], new Dictionary<string, string>(StringComparer.Ordinal), problems);
                    break;
            }
        }
    }

    private static void Bind(IReadOnlyList<string> path, string id, Dictionary<string, string> bound, Reading reading)
    {
        var text = string.Join('.', path);
        foreach (var (other, otherId) in bound)
        {
            if (other == text || other.StartsWith(text + ".", StringComparison.Ordinal) || text.StartsWith(other + ".", StringComparison.Ordinal))
            {
                reading.Places[id].Add(FormProblemCodes.OverlappingPath, other, $"its path '{text}' overlaps '{other}' of component '{otherId}'");
                return;
            }
        }

        bound[text] = id;
    }

    private static string[] Segments(string? path) => string.IsNullOrEmpty(path) ? [] : path.Split('.');

    private static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Adds problems of one component, at its place in the schema.</summary>
    private sealed class Problems(string path, string componentId, string? key, List<FormProblem> all)
    {
        public void Add(string code, string? value, string message) => all.Add(new FormProblem(path, componentId, key, code, value, message));
    }

    /// <summary>The problems of one schema and the place of each component by id.</summary>
    private sealed class Reading(List<FormProblem> all)
    {
        public List<FormProblem> All => all;

        public Dictionary<string, Problems> Places { get; } = new(StringComparer.Ordinal);
    }
}
