using System.Text;
using System.Text.Json.Nodes;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// Deterministic mutations of a JSON request body for the fuzzing tests: per property a missing value, null, a value of
/// the wrong type, a huge number, a long or invalid text; for the whole body an extra field, other JSON types, deep
/// nesting, invalid UTF-8, a truncated or empty body and wrong content types.
/// </summary>
internal static class JsonMutations
{
    /// <summary>A named body with its content type (<see langword="null"/>: none).</summary>
    public sealed record Mutant(string Name, byte[] Body, string? ContentType);

    private const string Json = "application/json";

    private static readonly Func<JsonNode?, string>[] ValueMutations =
    [
        _ => "null",
        value => value is JsonValue v && v.TryGetValue<string>(out _) ? "12345" : "\"text\"",
        value => value is JsonObject ? "[]" : "{}",
        _ => "true",
        _ => "1e308",
        _ => "-1",
        _ => "18446744073709551616",
        _ => "0.5",
        _ => "-0",
        _ => $"\"{new string('x', 100_000)}\"",
        _ => "\"\\u0000\"",
        _ => "\"\\ud800\"",
        _ => "\"\"",
        _ => "\"\u202Eevil\"",
        _ => "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
    ];

    /// <summary>The mutations of <paramref name="sample"/> (a JSON object or <see langword="null"/>), from <paramref name="seed"/>.</summary>
    public static IEnumerable<Mutant> Of(JsonNode? sample, int seed)
    {
        var random = new Random(seed);
        var text = sample?.ToJsonString() ?? "{}";
        yield return Utf8("valid sample", text);
        if (sample is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                var without = (JsonObject)properties.DeepClone();
                without.Remove(name);
                yield return Utf8($"without {name}", without.ToJsonString());
                foreach (var index in Enumerable.Range(0, ValueMutations.Length).OrderBy(_ => random.Next()).Take(5))
                {
                    var changed = (JsonObject)properties.DeepClone();
                    var value = ValueMutations[index](properties[name]);
                    changed[name] = "__MUTANT__";
                    yield return Utf8($"{name} := {(value.Length > 30 ? value[..30] + "…" : value)}", changed.ToJsonString().Replace("\"__MUTANT__\"", value, StringComparison.Ordinal));
                }
            }

            var extra = (JsonObject)properties.DeepClone();
            extra["unexpectedField"] = 1;
            yield return Utf8("an extra field", extra.ToJsonString());
            yield return Utf8("every property null", "{" + string.Join(',', properties.Select(p => $"\"{p.Key}\":null")) + "}");
        }

        yield return Utf8("null", "null");
        yield return Utf8("an array", "[]");
        yield return Utf8("a string", "\"text\"");
        yield return Utf8("a number", "42");
        yield return Utf8("1e400", "{\"x\":1e400}");
        yield return Utf8("a duplicate name", "{\"a\":1,\"a\":2}");
        yield return Utf8("truncated", text[..Math.Max(1, text.Length / 2)]);
        yield return Utf8("empty", string.Empty);
        yield return Utf8("deep arrays 10,000", new string('[', 10_000) + new string(']', 10_000));
        yield return Utf8("deep objects 10,000", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
        yield return new Mutant("invalid UTF-8", [.. Encoding.UTF8.GetBytes("{\"x\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")], Json);
        yield return new Mutant("UTF-8 BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], Json);
        yield return new Mutant("text/plain", Encoding.UTF8.GetBytes(text), "text/plain");
        yield return new Mutant("application/xml", Encoding.UTF8.GetBytes("<x/>"), "application/xml");
        yield return new Mutant("no content type", Encoding.UTF8.GetBytes(text), null);
        yield return new Mutant("a form", Encoding.UTF8.GetBytes("a=1&b=2"), "application/x-www-form-urlencoded");
    }

    private static Mutant Utf8(string name, string body) => new(name, Encoding.UTF8.GetBytes(body), Json);
}
