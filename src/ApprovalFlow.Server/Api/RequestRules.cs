using System.Text.Json;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Checks of request values the database would refuse or that would break JSON storage: text with a
/// NUL character or an unpaired UTF-16 surrogate, and text longer than its column; keys with a
/// bidirectional control. Each check returns a problem detail naming the field, or
/// <see langword="null"/> when the value is fine. The rules of every JSON body (UTF-8, duplicate
/// names, finite numbers, reserved and disguising property names) are checked once, for all
/// endpoints, by <see cref="JsonBodyRulesMiddleware"/>.
/// </summary>
public static class RequestRules
{
    /// <summary>Longest key or name accepted (business keys, message names, definition keys): 200 characters.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// Property names refused at every depth of every JSON body: <c>__proto__</c>, <c>constructor</c>
    /// and <c>prototype</c>, which change objects' prototypes when a JavaScript client or an
    /// expression merges the variables.
    /// </summary>
    public static IReadOnlySet<string> ReservedNames { get; } = new HashSet<string>(["__proto__", "constructor", "prototype"], StringComparer.Ordinal);

    /// <summary>
    /// The first bidirectional embedding, override or isolate control of <paramref name="text"/>
    /// (U+202A–U+202E, U+2066–U+2069; Unicode UAX #9), which can make a key look like another
    /// ("Trojan Source", CVE-2021-42574), or <see langword="null"/>. The marks U+200E/U+200F
    /// (LRM/RLM) and the ZWNJ U+200C that Persian text needs are allowed.
    /// </summary>
    public static char? BidiControl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Checks a key-like text field.</summary>
    /// <param name="value">The value; <see langword="null"/> is fine.</param>
    /// <param name="field">The JSON field name, for the message.</param>
    public static string? Key(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxKeyLength)
        {
            return $"{field} is {value.Length} characters long; at most {MaxKeyLength} are allowed.";
        }

        if (BidiControl(value) is { } control)
        {
            return $"{field} contains the bidirectional control U+{(int)control:X4}, which can disguise what is shown; remove it.";
        }

        return BadText(value) is { } why ? $"{field} {why}." : null;
    }

    /// <summary>Checks a required free text field (a reason, a comment).</summary>
    /// <param name="value">The value; <see langword="null"/> or blank is a problem.</param>
    /// <param name="field">The JSON field name, for the message.</param>
    /// <param name="maxLength">The longest text accepted, in UTF-16 code units.</param>
    public static string? RequiredText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is required and may not be blank.";
        }

        if (value.Length > maxLength)
        {
            return $"{field} is {value.Length} characters long; at most {maxLength} are allowed.";
        }

        return BadText(value) is { } why ? $"{field} {why}." : null;
    }

    /// <summary>Checks every property name and string value of a variables object, at any depth.</summary>
    /// <param name="variables">The variables; <see langword="null"/> is fine.</param>
    public static string? Variables(IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null)
        {
            return null;
        }

        foreach (var (name, value) in variables)
        {
            if (BadText(name) is { } why)
            {
                return $"The variable name at variables.{Printable(name)} {why}.";
            }

            if (Element(value, $"variables.{Printable(name)}") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Element(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ReadString(element) is not { } text
                    ? $"{path} {UnpairedSurrogate}."
                    : BadText(text) is { } textProblem ? $"{path} {textProblem}." : null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Element(item, $"{path}[{index++}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (BadText(property.Name) is { } nameProblem)
                    {
                        return $"A property name in {path} {nameProblem}.";
                    }

                    if (Element(property.Value, $"{path}.{Printable(property.Name)}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private const string UnpairedSurrogate = "contains an unpaired UTF-16 surrogate, which is not valid Unicode text";

    /// <summary>The string, or <see langword="null"/> when its JSON escapes make invalid UTF-16 (System.Text.Json refuses to decode it).</summary>
    private static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? BadText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "contains a NUL character (\\u0000), which cannot be stored";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return UnpairedSurrogate;
            }
        }

        return null;
    }

    private static string Printable(string name) => BadText(name) is null ? name : "?";
}
