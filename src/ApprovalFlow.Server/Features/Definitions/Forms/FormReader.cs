using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>
/// Reads a form-js schema (schemaVersion 16, the form-js editor's format) into the components the
/// server checks, and reports every part it cannot check: an unknown component type, a file picker
/// (there is no file store), a condition beyond <see cref="FeelCondition"/>'s subset, a pattern
/// that is not a regular expression (run with .NET's ECMAScript option, so <c>\d</c> and <c>\w</c>
/// are ASCII as in JavaScript), a malformed rule, two fields bound to one path. Display components (text, html, image, spacer, separator, button, iframe, table,
/// documentPreview) are skipped.
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

    /// <summary>Reads a schema; <paramref name="problems"/> gets one line per part that cannot be checked.</summary>
    /// <param name="key">The form key, for messages.</param>
    /// <param name="schema">The schema's root object.</param>
    /// <param name="problems">Receives the problems.</param>
    public static TaskForm Read(string key, JsonElement schema, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("components", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add("the schema has no 'components' array");
            return new TaskForm(key, []);
        }

        var components = Components(list, problems);
        CheckPaths(components, [], new Dictionary<string, string>(StringComparer.Ordinal), problems);
        return new TaskForm(key, components);
    }

    private static List<FormComponent> Components(JsonElement list, List<string> problems)
    {
        var result = new List<FormComponent>();
        foreach (var component in list.EnumerateArray())
        {
            if (Component(component, problems) is { } read)
            {
                result.Add(read);
            }
        }

        return result;
    }

    private static FormComponent? Component(JsonElement component, List<string> problems)
    {
        var type = Text(component, "type") ?? string.Empty;
        var id = Text(component, "id") ?? Text(component, "key") ?? $"({type})";
        var where = $"component '{id}'";
        var hide = Hide(component, where, problems);
        if (DisplayTypes.Contains(type))
        {
            return null;
        }

        switch (type)
        {
            case "group":
                return new FormGroup(id, hide, Segments(Text(component, "path")), Children(component, problems));
            case "dynamiclist":
                if (Text(component, "path") is not { Length: > 0 } listPath)
                {
                    problems.Add($"{where}: a dynamiclist needs a 'path'");
                    return null;
                }

                var repetitions = Integer(component, "defaultRepetitions", where, problems) ?? 1;
                return new FormList(id, hide, Segments(listPath), Text(component, "label") ?? listPath, Math.Max(0, repetitions), Children(component, problems));
            case "filepicker":
                problems.Add($"{where}: file pickers are not supported (the service has no file store)");
                return null;
        }

        if (!ValueTypes.Contains(type))
        {
            problems.Add($"{where}: the component type '{type}' is not supported");
            return null;
        }

        if (Text(component, "key") is not { Length: > 0 } key)
        {
            problems.Add($"{where}: a {type} field needs a 'key'");
            return null;
        }

        return Field(component, type, id, hide, key, where, problems);
    }

    private static FormField Field(JsonElement component, string type, string id, FeelCondition? hide, string key, string where, List<string> problems)
    {
        var validate = component.TryGetProperty("validate", out var rules) && rules.ValueKind == JsonValueKind.Object ? rules : default;
        var subtype = type == "datetime" ? Text(component, "subtype") ?? "date" : null;
        if (subtype is not (null or "date" or "time" or "datetime"))
        {
            problems.Add($"{where}: the datetime subtype '{subtype}' is not date, time or datetime");
        }

        var label = Text(component, "label")
            ?? (subtype == "time" ? Text(component, "timeLabel") : Text(component, "dateLabel") ?? Text(component, "timeLabel"))
            ?? key;
        var validationType = validate.ValueKind == JsonValueKind.Object ? Text(validate, "validationType") : null;
        if (validationType is not (null or "" or "email" or "phone"))
        {
            problems.Add($"{where}: validationType '{validationType}' is not email or phone");
        }

        return new FormField(id, hide, type, Segments(key), label)
        {
            Disabled = component.TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True,
            Required = validate.ValueKind == JsonValueKind.Object && validate.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
            MinLength = Integer(validate, "minLength", where, problems),
            MaxLength = Integer(validate, "maxLength", where, problems),
            Min = Number(validate, "min", where, problems),
            Max = Number(validate, "max", where, problems),
            Pattern = Pattern(validate, where, problems),
            ValidationType = validationType is { Length: > 0 } ? validationType : null,
            Values = ListedTypes.Contains(type) ? Values(component, where, problems) : null,
            Subtype = subtype,
            DecimalDigits = Integer(component, "decimalDigits", where, problems),
            Increment = Number(component, "increment", where, problems),
            SerializeToString = component.TryGetProperty("serializeToString", out var serialize) && serialize.ValueKind == JsonValueKind.True,
        };
    }

    private static List<FormComponent> Children(JsonElement component, List<string> problems) =>
        component.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array ? Components(children, problems) : [];

    private static FeelCondition? Hide(JsonElement component, string where, List<string> problems)
    {
        if (!component.TryGetProperty("conditional", out var conditional) || conditional.ValueKind != JsonValueKind.Object
            || !conditional.TryGetProperty("hide", out var hide) || hide.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (hide.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{where}: conditional.hide must be a FEEL expression text such as \"=decision = \\\"approve\\\"\"");
            return null;
        }

        try
        {
            return FeelCondition.Parse(hide.GetString()!);
        }
        catch (FormatException e)
        {
            problems.Add($"{where}: {e.Message}");
            return null;
        }
    }

    /// <summary>The listed values, or <see langword="null"/> when the options come from data (not checkable against a list).</summary>
    private static List<JsonElement>? Values(JsonElement component, string where, List<string> problems)
    {
        if (component.TryGetProperty("valuesKey", out _) || component.TryGetProperty("valuesExpression", out _))
        {
            return null;
        }

        if (!component.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}: a field with options needs 'values', 'valuesKey' or 'valuesExpression'");
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
                problems.Add($"{where}: every entry of 'values' needs a 'value'");
            }
        }

        return result;
    }

    private static Regex? Pattern(JsonElement validate, string where, List<string> problems)
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
            problems.Add($"{where}: the pattern '{pattern}' is not a valid regular expression: {e.Message}");
            return null;
        }
    }

    private static int? Integer(JsonElement owner, string name, string where, List<string> problems)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0)
        {
            return number;
        }

        problems.Add($"{where}: '{name}' must be a whole number of at least 0, not {value.GetRawText()}");
        return null;
    }

    private static decimal? Number(JsonElement owner, string name, string where, List<string> problems)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        problems.Add($"{where}: '{name}' must be a number, not {value.GetRawText()}");
        return null;
    }

    /// <summary>Refuses two fields bound to one path, or a field path inside another field's value.</summary>
    private static void CheckPaths(IReadOnlyList<FormComponent> components, IReadOnlyList<string> prefix, Dictionary<string, string> bound, List<string> problems)
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

    private static void Bind(IReadOnlyList<string> path, string id, Dictionary<string, string> bound, List<string> problems)
    {
        var text = string.Join('.', path);
        foreach (var (other, otherId) in bound)
        {
            if (other == text || other.StartsWith(text + ".", StringComparison.Ordinal) || text.StartsWith(other + ".", StringComparison.Ordinal))
            {
                problems.Add($"component '{id}': its path '{text}' overlaps '{other}' of component '{otherId}'");
                return;
            }
        }

        bound[text] = id;
    }

    private static string[] Segments(string? path) => string.IsNullOrEmpty(path) ? [] : path.Split('.');

    private static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
