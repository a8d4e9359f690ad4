using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>
/// Checks submitted data against a <see cref="TaskForm"/> as form-js validates it in the browser
/// (form-js 1.x <c>Validator</c>): a field hidden by its <c>conditional.hide</c> (or inside a hidden
/// group or list) is not required, and a value given for it must still be valid; a <c>disabled</c> field is not checked and, as form-js never submits
/// it, may not be given; <c>validate.required</c> refuses a missing value, <c>null</c>, <c>""</c>, an
/// unchecked checkbox and an empty list; the other rules apply only to a given value, lengths to the
/// trimmed text.
/// A <c>dynamiclist</c> absent from the data counts as its <c>defaultRepetitions</c> empty items, as
/// form-js shows them. Beyond form-js, every value must have its field's JSON type and names the form
/// does not define are refused. Errors are keyed by data path (<c>stakeholders[0].name</c>).
/// </summary>
internal sealed class FormValidator
{
    /// <summary>A valid e-mail address as the HTML Living Standard defines it (§4.10.5.1.5), which form-js checks.</summary>
    private static readonly Regex Email = new(
        @"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$",
        RegexOptions.CultureInvariant);

    /// <summary>An international number: <c>+</c> or <c>00</c>, then 7 to 20 digits (form-js also checks the country code against its list).</summary>
    private static readonly Regex Phone = new(@"^(\+|00)[1-9][0-9]{6,19}$", RegexOptions.CultureInvariant);
    private static readonly Regex Time = new(@"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$", RegexOptions.CultureInvariant);

    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>());

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    private FormValidator()
    {
    }

    /// <summary>Every problem of <paramref name="data"/>, by data path; empty when the form is filled correctly.</summary>
    /// <param name="form">The form.</param>
    /// <param name="data">The submitted variables (a JSON object).</param>
    /// <param name="context">Values of names the data does not hold (the task's process variables), for conditions.</param>
    public static Dictionary<string, List<string>> Validate(TaskForm form, JsonElement data, Func<string, JsonElement?> context)
    {
        var validator = new FormValidator();
        var scope = new Scope(data, null, context);
        validator.Walk(form.Components, data, string.Empty, scope, hidden: false);
        validator.RefuseUnknown(data, Shape(form.Components), string.Empty);
        return validator._errors;
    }

    /// <summary>Checks <paramref name="components"/>; under a <paramref name="hidden"/> one nothing is required, but what is given must still be valid.</summary>
    private void Walk(IReadOnlyList<FormComponent> components, JsonElement data, string prefix, Scope scope, bool hidden)
    {
        foreach (var component in components)
        {
            var isHidden = hidden || component.Hide?.IsTrue(scope.Lookup) == true;

            switch (component)
            {
                case FormField { Disabled: true } field when Resolve(data, field.Key) is not null:
                    Add(prefix + string.Join('.', field.Key), $"'{field.Label}' is disabled in the form, which never submits it");
                    break;
                case FormField { Disabled: true }:
                    break;
                case FormField field:
                    CheckField(field, Resolve(data, field.Key), prefix + string.Join('.', field.Key), isHidden);
                    break;
                case FormGroup { Path.Count: 0 } group:
                    Walk(group.Children, data, prefix, scope, isHidden);
                    break;
                case FormGroup group:
                    var path = prefix + string.Join('.', group.Path);
                    var inner = Resolve(data, group.Path);
                    if (inner is { ValueKind: not JsonValueKind.Object })
                    {
                        Add(path, "must be an object with the group's fields");
                        break;
                    }

                    var groupData = inner ?? EmptyObject;
                    Walk(group.Children, groupData, path + ".", new Scope(groupData, scope, scope.Outer), isHidden);
                    break;
                case FormList list:
                    CheckList(list, Resolve(data, list.Path), prefix + string.Join('.', list.Path), scope, isHidden);
                    break;
            }
        }
    }

    private void CheckList(FormList list, JsonElement? value, string path, Scope scope, bool hidden)
    {
        if (value is { ValueKind: not JsonValueKind.Array })
        {
            Add(path, $"'{list.Label}' must be a list of items");
            return;
        }

        var items = value is { } array ? [.. array.EnumerateArray()] : Enumerable.Repeat(EmptyObject, hidden ? 0 : list.DefaultRepetitions).ToList();
        var shape = Shape(list.Children);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                Add(itemPath, $"each item of '{list.Label}' must be an object with the list's fields");
                continue;
            }

            Walk(list.Children, items[i], itemPath + ".", new Scope(items[i], scope, scope.Outer), hidden);
            RefuseUnknown(items[i], shape, itemPath + ".");
        }
    }

    private void CheckField(FormField field, JsonElement? given, string path, bool hidden)
    {
        var value = given is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } present ? present : (JsonElement?)null;
        var empty = value is not { } v
            || (v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0)
            || (v.ValueKind == JsonValueKind.False && field.Type == "checkbox")
            || (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0);
        if (field.Required && empty && !hidden)
        {
            Add(path, $"'{field.Label}' is required");
        }

        if (value is not { } x || (x.ValueKind == JsonValueKind.String && x.GetString()!.Length == 0))
        {
            return;
        }

        switch (field.Type)
        {
            case "textfield" or "textarea" when x.ValueKind != JsonValueKind.String:
                Add(path, $"'{field.Label}' must be text, not {Kind(x)}");
                return;
            case "textfield" or "textarea":
                CheckText(field, x.GetString()!, path);
                return;
            case "number":
                if (NumberOf(field, x) is { } number)
                {
                    CheckNumber(field, number, path);
                }
                else
                {
                    Add(path, $"'{field.Label}' must be a number{(field.SerializeToString ? " written as text" : string.Empty)}, not {x.GetRawText()}");
                }

                return;
            case "datetime":
                if (x.ValueKind != JsonValueKind.String || !IsDateTime(field.Subtype!, x.GetString()!))
                {
                    Add(path, $"'{field.Label}' must be an ISO 8601 {Example(field.Subtype!)}, not {x.GetRawText()}");
                }

                return;
            case "checkbox" when x.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                Add(path, $"'{field.Label}' must be true or false, not {x.GetRawText()}");
                return;
            case "radio" or "select":
                CheckListed(field, [x], path);
                return;
            case "checklist" or "taglist" when x.ValueKind != JsonValueKind.Array:
                Add(path, $"'{field.Label}' must be a list of values, not {Kind(x)}");
                return;
            case "checklist" or "taglist":
                CheckListed(field, [.. x.EnumerateArray()], path);
                return;
        }
    }

    private void CheckText(FormField field, string text, string path)
    {
        var length = text.Trim().Length;
        if (field.MinLength is { } min && length < min)
        {
            Add(path, $"'{field.Label}' must be at least {min} characters long");
        }

        if (field.MaxLength is { } max && length > max)
        {
            Add(path, $"'{field.Label}' must be at most {max} characters long");
        }

        if (field.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(text))
                {
                    Add(path, $"'{field.Label}' must match the pattern {pattern}");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Add(path, $"'{field.Label}' could not be checked against the pattern {pattern} in time");
            }
        }

        if (field.ValidationType == "email" && !Email.IsMatch(text))
        {
            Add(path, $"'{field.Label}' must be an e-mail address");
        }
        else if (field.ValidationType == "phone" && !Phone.IsMatch(text))
        {
            Add(path, $"'{field.Label}' must be an international phone number such as +4930664040900");
        }
    }

    private void CheckNumber(FormField field, decimal number, string path)
    {
        var label = field.Label;
        if (field.Min is { } min && number < min)
        {
            Add(path, $"'{label}' must be at least {min.ToString(CultureInfo.InvariantCulture)}");
        }

        if (field.Max is { } max && number > max)
        {
            Add(path, $"'{label}' must be at most {max.ToString(CultureInfo.InvariantCulture)}");
        }

        var digits = number.ToString("0.############################", CultureInfo.InvariantCulture).SkipWhile(c => c != '.').Skip(1).Count();
        if (field.DecimalDigits is { } allowed && digits > allowed)
        {
            Add(path, allowed == 0 ? $"'{label}' must be a whole number" : $"'{label}' may have at most {allowed} decimal digits");
        }

        if (field.Increment is { } increment && increment > 0 && number % increment != 0)
        {
            var lower = number - (number % increment);
            Add(path, $"'{label}' must be a multiple of {increment.ToString(CultureInfo.InvariantCulture)}; the nearest are {lower.ToString(CultureInfo.InvariantCulture)} and {(lower + increment).ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void CheckListed(FormField field, List<JsonElement> chosen, string path)
    {
        if (field.Values is not { } values)
        {
            return;
        }

        var wrong = chosen.Where(c => !values.Any(v => JsonElement.DeepEquals(v, c))).Select(c => c.GetRawText()).ToList();
        if (wrong.Count > 0)
        {
            Add(path, $"'{field.Label}' must be one of {string.Join(", ", values.Select(v => v.GetRawText()))}, not {string.Join(", ", wrong)}");
        }
    }

    /// <summary>Refuses every property of <paramref name="data"/> that no component binds.</summary>
    private void RefuseUnknown(JsonElement data, Dictionary<string, object?> shape, string prefix)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in data.EnumerateObject())
        {
            if (!shape.TryGetValue(property.Name, out var inner))
            {
                Add(prefix + property.Name, "is not a field of this form");
            }
            else if (inner is Dictionary<string, object?> nested)
            {
                RefuseUnknown(property.Value, nested, $"{prefix}{property.Name}.");
            }
        }
    }

    /// <summary>The names the components bind: a leaf is <see langword="null"/>, an object a nested dictionary.</summary>
    private static Dictionary<string, object?> Shape(IReadOnlyList<FormComponent> components)
    {
        var shape = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddShape(shape, components);
        return shape;
    }

    private static void AddShape(Dictionary<string, object?> shape, IReadOnlyList<FormComponent> components)
    {
        foreach (var component in components)
        {
            switch (component)
            {
                case FormField field:
                    Node(shape, field.Key.SkipLast(1))?.TryAdd(field.Key[^1], null);
                    break;
                case FormList list:
                    Node(shape, list.Path.SkipLast(1))?.TryAdd(list.Path[^1], null);
                    break;
                case FormGroup group when Node(shape, group.Path) is { } inner:
                    AddShape(inner, group.Children);
                    break;
            }
        }
    }

    private static Dictionary<string, object?>? Node(Dictionary<string, object?> shape, IEnumerable<string> path)
    {
        var current = shape;
        foreach (var name in path)
        {
            if (!current.TryGetValue(name, out var next))
            {
                next = new Dictionary<string, object?>(StringComparer.Ordinal);
                current[name] = next;
            }

            if (next is not Dictionary<string, object?> nested)
            {
                return null;
            }

            current = nested;
        }

        return current;
    }

    private static JsonElement? Resolve(JsonElement data, IReadOnlyList<string> path)
    {
        var current = data;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static decimal? NumberOf(FormField field, JsonElement value) => field.SerializeToString
        ? value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;

    private static bool IsDateTime(string subtype, string text)
    {
        switch (subtype)
        {
            case "date":
                return IsDate(text);
            case "time":
                return Time.IsMatch(text);
            default:
                var t = text.IndexOf('T', StringComparison.Ordinal);
                return t > 0 && IsDate(text[..t]) && Time.IsMatch(text[(t + 1)..]);
        }
    }

    private static bool IsDate(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Example(string subtype) => subtype switch
    {
        "date" => "date such as 2026-04-20",
        "time" => "time such as 14:30 or 14:30+03:30",
        _ => "date and time such as 2026-04-20T14:30+03:30",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => value.GetRawText(),
    };

    private void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors[path] = messages = [];
        }

        messages.Add(message + ".");
    }

    /// <summary>Where a condition looks names up: the innermost data first (a list item, a group), then outwards, then <see cref="Outer"/>.</summary>
    private sealed record Scope(JsonElement Data, Scope? Parent, Func<string, JsonElement?> Outer)
    {
        public JsonElement? Lookup(string name)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.Data.ValueKind == JsonValueKind.Object && scope.Data.TryGetProperty(name, out var value))
                {
                    return value;
                }
            }

            return Outer(name);
        }
    }
}
