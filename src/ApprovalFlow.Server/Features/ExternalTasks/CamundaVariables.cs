using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>A Camunda 7 typed variable value (<c>{"type": "Integer", "value": 42, "valueInfo": {}}</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record CamundaVariable
{
    /// <summary>The value type, any case: String, Boolean, Integer, Short, Long, Double, Date, Json, Object (JSON), Null.</summary>
    public string? Type { get; init; }

    /// <summary>The value.</summary>
    public JsonElement Value { get; init; }

    /// <summary>Type-dependent details (for Object: <c>serializationDataFormat</c>).</summary>
    public Dictionary<string, JsonElement>? ValueInfo { get; init; }
}

/// <summary>
/// Converts between Camunda 7's typed variables and the engine's JSON values. Dates are kept as ISO 8601 strings
/// (UTC, milliseconds); Json and JSON-serialised Object values become JSON objects or arrays, and go back out as
/// type Json. Bytes, File and Java-serialised Objects are refused.
/// </summary>
internal static class CamundaVariables
{
    private static readonly JsonElement EmptyInfo = JsonSerializer.SerializeToElement(new Dictionary<string, string>());

    /// <summary>Camunda's date format, <c>yyyy-MM-dd'T'HH:mm:ss.SSSZ</c> (e.g. <c>2026-12-01T10:00:00.000+0000</c>).</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>The engine values of a request's variables, or <see langword="null"/> for none.</summary>
    /// <exception cref="CamundaRequestException">A value does not fit its type, or the type is not supported.</exception>
    public static Dictionary<string, JsonElement>? ToEngine(Dictionary<string, CamundaVariable?>? variables)
    {
        if (variables is null || variables.Count == 0)
        {
            return null;
        }

        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, variable) in variables)
        {
            result[name] = variable is null ? JsonSerializer.SerializeToElement<object?>(null) : ToEngine(name, variable);
        }

        return result;
    }

    /// <summary>A typed variable for each engine value.</summary>
    public static Dictionary<string, TypedValue> FromEngine(IEnumerable<KeyValuePair<string, JsonElement>> variables) =>
        variables.ToDictionary(v => v.Key, v => FromEngine(v.Value), StringComparer.Ordinal);

    private static JsonElement ToEngine(string name, CamundaVariable variable)
    {
        var value = variable.Value;
        var kind = value.ValueKind;
        switch (variable.Type?.ToLowerInvariant())
        {
            case null when kind is JsonValueKind.Undefined:
            case "null":
                return JsonSerializer.SerializeToElement<object?>(null);
            case null:
                return value;
            case "string" when kind is JsonValueKind.String or JsonValueKind.Null:
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
            case "double" when kind is JsonValueKind.Number or JsonValueKind.Null:
                return value;
            case "boolean" when kind is JsonValueKind.String && bool.TryParse(value.GetString(), out var flag):
                return JsonSerializer.SerializeToElement(flag);
            case "integer" or "short" or "long" when kind is JsonValueKind.Null:
                return value;
            case "integer" or "short" or "long":
                return Integral(name, variable.Type!, value);
            case "double" when kind is JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return JsonSerializer.SerializeToElement(number);
            case "date" when kind is JsonValueKind.Null:
                return value;
            case "date" when kind is JsonValueKind.String && ParseDate(value.GetString()!) is { } date:
                return JsonSerializer.SerializeToElement(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            case "json" when kind is JsonValueKind.Object or JsonValueKind.Array:
                return value;
            case "json" when kind is JsonValueKind.String:
                return ParseJson(name, value.GetString()!);
            case "object" when IsJsonObject(variable) && kind is JsonValueKind.String:
                return ParseJson(name, value.GetString()!);
            case "bytes" or "file" or "object":
                throw CamundaRequestException.BadRequest(
                    $"Cannot set variable '{name}': values of type {variable.Type} are not supported here (only JSON-serialised Object values); send the value as type Json.");
            case "string" or "boolean" or "double" or "date" or "json":
                throw CamundaRequestException.BadRequest($"Cannot convert value {value.GetRawText()} of variable '{name}' to type {variable.Type}.");
            default:
                throw CamundaRequestException.BadRequest(
                    $"Unsupported value type '{variable.Type}' of variable '{name}'; use String, Boolean, Integer, Short, Long, Double, Date, Json, Object (JSON) or Null.");
        }
    }

    private static JsonElement Integral(string name, string type, JsonElement value)
    {
        long number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            throw CamundaRequestException.BadRequest($"Cannot convert value {value.GetRawText()} of variable '{name}' to type {type}: it is no whole number.");
        }

        var (min, max) = type.ToLowerInvariant() switch
        {
            "short" => ((long)short.MinValue, (long)short.MaxValue),
            "integer" => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        return number < min || number > max
            ? throw CamundaRequestException.BadRequest($"Cannot convert value {number} of variable '{name}' to type {type}: it is out of range.")
            : JsonSerializer.SerializeToElement(number);
    }

    private static bool IsJsonObject(CamundaVariable variable) =>
        variable.ValueInfo is { } info && info.TryGetValue("serializationDataFormat", out var format)
        && format.ValueKind == JsonValueKind.String && format.GetString()!.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static JsonElement ParseJson(string name, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw CamundaRequestException.BadRequest($"Cannot set variable '{name}': its Json value is not JSON ({e.Message}).");
        }
    }

    private static DateTimeOffset? ParseDate(string text)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:sszzz"];
        if (text.Length > 5 && (text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]))
        {
            // Camunda's +0000 offset (no colon), which .NET parses only with a colon.
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact)
            ? exact
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose) ? loose : null;
    }

    private static TypedValue FromEngine(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new("String", value, EmptyInfo),
        JsonValueKind.True or JsonValueKind.False => new("Boolean", value, EmptyInfo),
        JsonValueKind.Number when value.TryGetInt32(out _) => new("Integer", value, EmptyInfo),
        JsonValueKind.Number when value.TryGetInt64(out _) => new("Long", value, EmptyInfo),
        JsonValueKind.Number => new("Double", value, EmptyInfo),
        JsonValueKind.Object or JsonValueKind.Array => new("Json", JsonSerializer.SerializeToElement(value.GetRawText()), EmptyInfo),
        _ => new("Null", JsonSerializer.SerializeToElement<object?>(null), EmptyInfo),
    };
}

/// <summary>A typed variable value in a response, as Camunda 7 writes it.</summary>
/// <param name="Type">String, Boolean, Integer, Long, Double, Json or Null.</param>
/// <param name="Value">The value (for Json: the JSON text as a string).</param>
/// <param name="ValueInfo">Always <c>{}</c>.</param>
public sealed record TypedValue(string Type, JsonElement Value, JsonElement ValueInfo);
