using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Hosting;

/// <summary>
/// docs/configuration.md stays true: every bindable property of every settings class (a type with a <c>Section</c>
/// constant in the server or engine assembly) and every key of <c>appsettings.json</c> has a row, and every row names a
/// key the service reads.
/// </summary>
public partial class ConfigurationTableTests
{
    /// <summary>Rows for settings that no settings class binds: the host's own and the connection string.</summary>
    private static readonly string[] HostSettings = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "AllowedHosts", "Logging:LogLevel:<category>", "ConnectionStrings:ApprovalFlow"];

    [Fact]
    public void ConfigurationTable_ListsEverySettingsClassProperty()
    {
        var documented = DocumentedKeys();
        var missing = SettingsClassKeys().Where(k => !documented.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md lacks rows for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void ConfigurationTable_ListsEveryKeyOfAppsettingsJson()
    {
        var documented = DocumentedKeys();
        var missing = AppsettingsKeys().Where(k => !documented.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md lacks rows for appsettings.json keys: {string.Join(", ", missing)}");
    }

    [Fact]
    public void ConfigurationTable_NamesOnlySettingsTheServiceReads()
    {
        var known = SettingsClassKeys().Concat(AppsettingsKeys()).Concat(HostSettings).ToHashSet(StringComparer.Ordinal);
        var unknown = DocumentedKeys().Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"docs/configuration.md has rows for settings the service does not read: {string.Join(", ", unknown)}");
        Assert.Contains("Smtp:Password", known);
        Assert.Contains("Engine:MaxStepDuration", known);
    }

    /// <summary><c>Section:Property</c> of every settable (or get-only collection) public property of the settings classes.</summary>
    private static IEnumerable<string> SettingsClassKeys() =>
        new[] { typeof(Program).Assembly, typeof(Engine.Runtime.EngineOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } f ? (string?)f.GetRawConstantValue() : null))
            .Where(x => x.Section is not null && x.Type.IsClass)
            .SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>)))
                .Select(p => $"{x.Section}:{p.Name}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>The leaf keys of the service's appsettings.json; arrays count as one key, <c>Logging:LogLevel:*</c> as its one row.</summary>
    private static IEnumerable<string> AppsettingsKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "src", "ApprovalFlow.Server", "appsettings.json")));
        var keys = new List<string>();
        Flatten(json.RootElement, null, keys);
        return keys.Select(k => k.StartsWith("Logging:LogLevel:", StringComparison.Ordinal) ? "Logging:LogLevel:<category>" : k).Distinct(StringComparer.Ordinal);
    }

    private static void Flatten(JsonElement element, string? prefix, List<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", keys);
            }
        }
        else
        {
            keys.Add(prefix!);
        }
    }

    /// <summary>The first column of the table rows of docs/configuration.md.</summary>
    private static HashSet<string> DocumentedKeys() =>
        File.ReadLines(Path.Combine(TestDatabase.RepositoryRoot(), "docs", "configuration.md"))
            .Select(line => RowKey().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\| `([^`]+)` \|")]
    private static partial Regex RowKey();
}
