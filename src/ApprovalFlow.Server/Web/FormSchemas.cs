using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApprovalFlow.Server.Web;

/// <summary>JSON for pages: values written so they are safe to place in a <c>&lt;script type="application/json"&gt;</c> block.</summary>
public static class FormSchemas
{
    /// <summary>Escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes so the JSON cannot end its script block.</summary>
    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary><paramref name="value"/> as JSON safe inside a script block.</summary>
    public static string ScriptJson<T>(T value) => JsonSerializer.Serialize(value, ScriptSafe);
}
