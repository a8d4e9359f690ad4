using System.Globalization;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Audit;
using ApprovalFlow.Server.Features.Migrations;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime.Text;

namespace ApprovalFlow.Server.Pages.Admin;

/// <summary>One line of an entry's details on the audit page.</summary>
/// <param name="Label">What the value is (e.g. "reason").</param>
/// <param name="Value">The value for people: names, dates and numbers in the user's language.</param>
/// <param name="Ltr">Whether the value is Latin text (an address, a key, a hash) shown left to right.</param>
public sealed record AuditDetail(string Label, string Value, bool Ltr = false);

/// <summary>An audit entry as the page shows it: what it was done to, in words, with its page, and what changed.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Target">What was acted on, for people (a task's name, a Jalali date, a process's name, ...).</param>
/// <param name="TargetLtr">Whether <paramref name="Target"/> is an id or key shown left to right (nothing better was found).</param>
/// <param name="TargetUrl">The page of the target, or <see langword="null"/>.</param>
/// <param name="Details">What changed, in words.</param>
public sealed record AuditEntryView(AuditEntryResponse Entry, string Target, bool TargetLtr, string? TargetUrl, IReadOnlyList<AuditDetail> Details);

/// <summary>
/// Turns a page of audit entries into what an official reads: user, task, process, cycle and step names instead of ids
/// (looked up once per page), dates in the user's calendar, numbers in the user's digits, lists and maps as words,
/// never raw JSON. An id stays when what it named is gone. Not thread-safe (one per request).
/// </summary>
internal sealed class AuditEntryViews(ApprovalFlowDbContext db, DefinitionCatalog catalog, DisplayFormat format, IStringLocalizer<AuditTexts> texts, IStringLocalizer<NotificationsTexts> mails)
{
    private Dictionary<string, string> _users = [];
    private Dictionary<Guid, string?> _tasks = [];
    private Dictionary<string, string?> _definitions = [];
    private Dictionary<Guid, ProcessInstanceRecord> _instances = [];
    private Dictionary<string, string> _cycles = [];
    private Dictionary<Guid, MigrationRecord> _migrations = [];

    /// <summary>The views of <paramref name="entries"/>, in their order.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> BuildAsync(IReadOnlyList<AuditEntryResponse> entries, CancellationToken cancellationToken)
    {
        await LoadNamesAsync(entries, cancellationToken);
        var views = new List<AuditEntryView>(entries.Count);
        foreach (var entry in entries)
        {
            views.Add(await ViewAsync(entry, cancellationToken));
        }

        return views;
    }

    private async Task LoadNamesAsync(IReadOnlyList<AuditEntryResponse> entries, CancellationToken cancellationToken)
    {
        var userIds = entries.Where(e => e.Action is AuditActions.TaskAssign or AuditActions.TaskHandOver)
            .SelectMany(e => new[] { Text(e, "from"), Text(e, "to") }).OfType<string>().Distinct().ToList();
        _users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var taskIds = Ids(entries.Where(e => e.Action is AuditActions.TaskAssign or AuditActions.TaskHandOver).Select(e => e.Target));
        _tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

        var migrationIds = Ids(entries.Where(e => e.Action == AuditActions.InstanceMigrate).Select(e => e.Target));
        _migrations = await db.Set<MigrationRecord>().AsNoTracking().Where(m => migrationIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);

        var instanceIds = Ids(entries.Select(e => e.Action == AuditActions.InstanceCancel ? e.Target : Text(e, "instance")));
        _instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);

        var keys = entries.Where(e => e.Action == AuditActions.DefinitionDeploy).Select(e => e.Target)
            .Concat(entries.SelectMany(DeployedVersions).Select(v => v.Key))
            .Concat(_migrations.Values.Select(m => m.DefinitionKey))
            .Concat(_instances.Values.Select(i => i.DefinitionKey))
            .Distinct(StringComparer.Ordinal).ToList();
        var definitions = await db.Definitions.AsNoTracking().Where(d => keys.Contains(d.Key)).Select(d => new { d.Key, d.Version, d.Name }).ToListAsync(cancellationToken);
        _definitions = definitions.GroupBy(d => d.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name, StringComparer.Ordinal);

        var cycleKeys = entries.Where(e => e.Action == AuditActions.CycleWithdraw).Select(e => e.Target).Distinct(StringComparer.Ordinal).ToList();
        _cycles = await db.PlanCycles.AsNoTracking().Where(c => cycleKeys.Contains(c.BusinessKey)).ToDictionaryAsync(c => c.BusinessKey, c => c.Title, cancellationToken);
    }

    private async Task<AuditEntryView> ViewAsync(AuditEntryResponse entry, CancellationToken cancellationToken)
    {
        var target = Uri.EscapeDataString(entry.Target);
        var guid = Guid.TryParse(entry.Target, CultureInfo.InvariantCulture, out var id) ? id : Guid.Empty;
        switch (entry.Action)
        {
            case AuditActions.TaskAssign or AuditActions.TaskHandOver:
                return View(entry, _tasks.GetValueOrDefault(guid), $"/tasks/{target}",
                    Person(texts["Change_from"], Text(entry, "from")), Person(texts["Change_to"], Text(entry, "to")), Plain(entry, "note"));
            case AuditActions.CalendarClose or AuditActions.CalendarReopen:
                var day = LocalDatePattern.Iso.Parse(entry.Target);
                return View(entry, day.Success ? DisplayFormat.Date(day.Value) : null, null, Plain(entry, "reason"));
            case AuditActions.DefinitionDeploy:
                return View(entry, _definitions.GetValueOrDefault(entry.Target), $"/definitions/{target}",
                    Detail("versions", string.Join(texts["ListSeparator"], DeployedVersions(entry).Select(v => VersionOf(v.Key, v.Version)))),
                    Text(entry, "sha256") is { Length: > 12 } hash ? new AuditDetail(texts["Change_sha256"], hash[..12] + "…", Ltr: true) : null,
                    Flag(entry, "fromDraft"));
            case AuditActions.FormDeploy:
                return View(entry, Text(entry, "name"), $"/forms/{target}", Number(entry, "version"));
            case AuditActions.InstanceMigrate when _migrations.GetValueOrDefault(guid) is { } migration:
                return View(entry, texts["TargetMigration", DefinitionName(migration.DefinitionKey), format.Number(migration.FromVersion), format.Number(migration.ToVersion)], $"/migrations/{target}",
                    Number(entry, "instances"), Mapping(entry));
            case AuditActions.InstanceMigrate:
                return View(entry, null, $"/migrations/{target}", Number(entry, "instances"), Mapping(entry));
            case AuditActions.NotificationResend:
                var kind = Text(entry, "kind") is { } k && mails["Kind_" + k] is { ResourceNotFound: false } kindText ? kindText.Value : Text(entry, "kind");
                var status = Text(entry, "status") is { } s && mails["Status_" + s.ToLowerInvariant()] is { ResourceNotFound: false } statusText ? statusText.Value : Text(entry, "status");
                return View(entry, kind is null ? null : texts["TargetNotification", kind].Value, null,
                    Detail("recipient", Text(entry, "recipient"), ltr: true), Detail("status", status));
            case AuditActions.CycleWithdraw:
                return View(entry, _cycles.GetValueOrDefault(entry.Target), $"/cycles/{target}", Plain(entry, "reason"));
            case AuditActions.InstanceCancel:
                return View(entry, InstanceName(guid), $"/instances/{target}",
                    Detail("businessKey", Text(entry, "businessKey"), ltr: true), Plain(entry, "reason"));
            case AuditActions.IncidentRetry:
                var instance = Guid.TryParse(Text(entry, "instance"), CultureInfo.InvariantCulture, out var instanceId) ? instanceId : Guid.Empty;
                var node = await NodeNameAsync(instance, Text(entry, "node"), cancellationToken);
                return View(entry, InstanceName(instance) is { } name && node is not null ? texts["TargetIncident", node, name].Value : null,
                    instance == Guid.Empty ? null : $"/instances/{instance}", List(entry, "variables"));
            default:
                AuditDetail?[] details = entry.Changes is { ValueKind: JsonValueKind.Object } changes ? [.. changes.EnumerateObject().Select(c => Detail(c.Name, Value(c.Value)))] : [];
                return View(entry, null, null, details);
        }
    }

    private static AuditEntryView View(AuditEntryResponse entry, string? target, string? url, params AuditDetail?[] details) =>
        new(entry, target ?? entry.Target, target is null, url, [.. details.OfType<AuditDetail>()]);

    private AuditDetail? Detail(string change, string? value, bool ltr = false) =>
        string.IsNullOrEmpty(value) ? null : new AuditDetail(Label(change), value, ltr);

    private AuditDetail? Plain(AuditEntryResponse entry, string change) => Detail(change, Text(entry, change));

    private AuditDetail? Number(AuditEntryResponse entry, string change) =>
        Change(entry, change) is { ValueKind: JsonValueKind.Number } value ? Detail(change, format.Number(value.GetRawText())) : null;

    private AuditDetail? Flag(AuditEntryResponse entry, string change) =>
        Change(entry, change) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? Detail(change, Value(value)) : null;

    private AuditDetail? List(AuditEntryResponse entry, string change) =>
        Change(entry, change) is { ValueKind: JsonValueKind.Array } value ? Detail(change, Value(value), ltr: true) : null;

    private AuditDetail? Mapping(AuditEntryResponse entry) =>
        Change(entry, "mapping") is { ValueKind: JsonValueKind.Object } value ? Detail("mapping", Value(value), ltr: true) : null;

    private AuditDetail Person(string label, string? userId) =>
        new(label, userId is null ? "—" : _users.GetValueOrDefault(userId) ?? userId, Ltr: userId is not null && !_users.ContainsKey(userId));

    private string Label(string change) => texts["Change_" + change] is { ResourceNotFound: false } text ? text.Value : change;

    private string DefinitionName(string key) => _definitions.GetValueOrDefault(key) ?? key;

    private string VersionOf(string key, int version) => texts["VersionOf", DefinitionName(key), format.Number(version)];

    private string? InstanceName(Guid id) => _instances.GetValueOrDefault(id) is { } instance
        ? instance.BusinessKey is { } businessKey
            ? texts["TargetInstance", VersionOf(instance.DefinitionKey, instance.DefinitionVersion), businessKey]
            : VersionOf(instance.DefinitionKey, instance.DefinitionVersion)
        : null;

    private async Task<string?> NodeNameAsync(Guid instance, string? nodeId, CancellationToken cancellationToken)
    {
        if (nodeId is null || _instances.GetValueOrDefault(instance) is not { } record)
        {
            return nodeId;
        }

        var definition = await catalog.GetAsync(record.DefinitionId, cancellationToken);
        return definition.Process.Definition.Nodes.TryGetValue(nodeId, out var node) && !string.IsNullOrWhiteSpace(node.Name) ? node.Name : nodeId;
    }

    /// <summary>A change's value as words: numbers in the user's digits, yes/no, lists joined, maps as <c>a → b</c>.</summary>
    private string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => format.Number(value.GetRawText()),
        JsonValueKind.True => texts["Yes"].Value,
        JsonValueKind.False => texts["No"].Value,
        JsonValueKind.Array => string.Join(texts["ListSeparator"], value.EnumerateArray().Select(Value)),
        JsonValueKind.Object => string.Join(texts["ListSeparator"], value.EnumerateObject().Select(p => $"{p.Name} → {Value(p.Value)}")),
        _ => "—",
    };

    private static JsonElement? Change(AuditEntryResponse entry, string name) =>
        entry.Changes is { ValueKind: JsonValueKind.Object } changes && changes.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(AuditEntryResponse entry, string name) =>
        Change(entry, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static IEnumerable<(string Key, int Version)> DeployedVersions(AuditEntryResponse entry) =>
        entry.Action == AuditActions.DefinitionDeploy && Change(entry, "versions") is { ValueKind: JsonValueKind.Array } versions
            ? versions.EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && v.TryGetProperty("version", out var n) && n.ValueKind == JsonValueKind.Number)
                .Select(v => (v.GetProperty("key").GetString()!, v.GetProperty("version").GetInt32()))
            : [];

    private static List<Guid> Ids(IEnumerable<string?> values) =>
        [.. values.Select(t => Guid.TryParse(t, CultureInfo.InvariantCulture, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct()];
}
