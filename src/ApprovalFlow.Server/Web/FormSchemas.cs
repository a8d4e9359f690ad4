using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Web;

/// <summary>
/// The form-js schemas of task forms (<c>&lt;Workflows:Directory&gt;/forms/&lt;formKey&gt;.form</c>, the
/// files <see cref="TaskForms"/> checks completions against), as JSON safe to place in a
/// <c>&lt;script type="application/json"&gt;</c> block. Read once per form key. Thread-safe singleton.
/// </summary>
public sealed class FormSchemas(IOptions<WorkflowsOptions> options, IHostEnvironment environment)
{
    /// <summary>Escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes so the JSON cannot end its script block.</summary>
    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Default };

    private readonly ConcurrentDictionary<string, string?> _schemas = new(StringComparer.Ordinal);

    /// <summary>The schema of <paramref name="formKey"/>, or <see langword="null"/> when there is no such form file.</summary>
    public string? Find(string? formKey) =>
        string.IsNullOrEmpty(formKey) || formKey.Contains('/', StringComparison.Ordinal) || formKey.Contains('\\', StringComparison.Ordinal) || formKey.Contains("..", StringComparison.Ordinal)
            ? null
            : _schemas.GetOrAdd(formKey, Load);

    /// <summary><paramref name="value"/> as JSON safe inside a script block.</summary>
    public static string ScriptJson<T>(T value) => JsonSerializer.Serialize(value, ScriptSafe);

    private string? Load(string formKey)
    {
        var path = Path.Combine(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Directory)), "forms", formKey + ".form");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return ScriptJson(document.RootElement);
    }
}
