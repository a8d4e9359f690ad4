using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// The task forms (form-js schemas <c>&lt;Workflows:Directory&gt;/forms/&lt;formKey&gt;.form</c>) and the
/// check that a completion gives every required field of its form, and for a field with listed values
/// (radio, select, checklist) only those values. A task whose form file does not exist is not checked.
/// Forms are read once per process. Thread-safe singleton.
/// </summary>
public sealed class TaskForms(IOptions<WorkflowsOptions> options, IHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<FormField>> _forms = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="variables"/> do not fill the form <paramref name="formKey"/>, or <see langword="null"/> when they do.</summary>
    public string? Check(string? formKey, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (string.IsNullOrEmpty(formKey))
        {
            return null;
        }

        foreach (var field in _forms.GetOrAdd(formKey, Load))
        {
            var given = variables is not null && variables.TryGetValue(field.Key, out var value) ? value : default;
            var missing = given.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                || (given.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(given.GetString()))
                || (given.ValueKind == JsonValueKind.Array && given.GetArrayLength() == 0);
            if (missing)
            {
                if (field.Required)
                {
                    return $"The form '{formKey}' requires '{field.Key}' ({field.Label}).";
                }

                continue;
            }

            var chosen = given.ValueKind == JsonValueKind.Array ? given.EnumerateArray().ToList() : [given];
            if (field.Values.Count > 0 && chosen.Find(v => v.ValueKind != JsonValueKind.String || !field.Values.Contains(v.GetString()!)) is { ValueKind: not JsonValueKind.Undefined } wrong)
            {
                return $"'{field.Key}' of the form '{formKey}' must be one of {string.Join(", ", field.Values)}, not {wrong.GetRawText()}.";
            }
        }

        return null;
    }

    private IReadOnlyList<FormField> Load(string formKey)
    {
        var path = Path.Combine(options.Value.ResolveDirectory(environment.ContentRootPath) ?? options.Value.DirectoryCandidates(environment.ContentRootPath)[0], "forms", formKey + ".form");
        if (formKey.Contains('/', StringComparison.Ordinal) || formKey.Contains('\\', StringComparison.Ordinal) || !File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var fields = new List<FormField>();
        if (document.RootElement.TryGetProperty("components", out var components))
        {
            foreach (var component in components.EnumerateArray())
            {
                if (component.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
                {
                    var required = component.TryGetProperty("validate", out var validate) && validate.TryGetProperty("required", out var flag) && flag.ValueKind == JsonValueKind.True;
                    var values = component.TryGetProperty("values", out var list) && list.ValueKind == JsonValueKind.Array
                        ? list.EnumerateArray().Select(v => v.GetProperty("value").GetString()!).ToHashSet(StringComparer.Ordinal)
                        : [];
                    var label = component.TryGetProperty("label", out var text) ? text.GetString() ?? key.GetString()! : key.GetString()!;
                    fields.Add(new FormField(key.GetString()!, label, required, values));
                }
            }
        }

        return fields;
    }

    private sealed record FormField(string Key, string Label, bool Required, IReadOnlySet<string> Values);
}
