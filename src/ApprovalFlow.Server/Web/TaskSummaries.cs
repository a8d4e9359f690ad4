using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Web;

/// <summary>A task as people read it: its process, plan cycle and subject, who holds it, when it is due.</summary>
/// <param name="Task">The task as the API returns it.</param>
/// <param name="ProcessName">The process definition's name (e.g. "جلسات کارگروه تخصصی").</param>
/// <param name="CycleTitle">The plan cycle's title (the <c>title</c> variable), or <see langword="null"/>.</param>
/// <param name="Subject">What the task works on: the multi-instance item's or the working group's name, or <see langword="null"/>.</param>
/// <param name="AssigneeName">Display name of the assignee, or <see langword="null"/>.</param>
/// <param name="CompletedByName">Display name of who completed it, or <see langword="null"/>.</param>
/// <param name="Due">The due date for people, or <see langword="null"/> when the task has none.</param>
/// <param name="Stage">The stage's name (the root instance's top-level node the task belongs under), or <see langword="null"/>.</param>
/// <param name="Theme">The plan theme's name in the user's language, or <see langword="null"/>.</param>
/// <param name="Level">The working-group level in the user's language, or <see langword="null"/>.</param>
/// <param name="WorkingGroup">The working group's name, or <see langword="null"/>.</param>
public sealed record TaskSummary(
    TaskResponse Task, string? ProcessName, string? CycleTitle, string? Subject, string? AssigneeName, string? CompletedByName, DueText? Due,
    string? Stage = null, string? Theme = null, string? Level = null, string? WorkingGroup = null);

/// <summary>
/// Describes tasks for the web pages from their rows (which carry the plan cycle, stage, theme, level and working
/// group) plus two batched reads per page (process names, user names), never one query per row. Scoped.
/// </summary>
public sealed class TaskSummaries(ApprovalFlowDbContext db, DisplayFormat format, IStringLocalizer<PlanningTexts> planning)
{
    /// <summary>Describes <paramref name="tasks"/>, in the same order.</summary>
    public async Task<IReadOnlyList<TaskSummary>> DescribeAsync(IReadOnlyList<TaskResponse> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return [];
        }

        var keys = tasks.Select(t => t.DefinitionKey).OfType<string>().Distinct().ToArray();
        var processNames = (await db.Definitions.AsNoTracking().Where(d => keys.Contains(d.Key))
                .Select(d => new { d.Key, d.Version, d.Name }).ToListAsync(cancellationToken))
            .GroupBy(d => d.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name ?? g.Key, StringComparer.Ordinal);
        var userIds = tasks.SelectMany(t => new[] { t.Assignee, t.CompletedBy }).OfType<string>().Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        return [.. tasks.Select(task => new TaskSummary(
            task,
            task.DefinitionKey is null ? null : processNames.GetValueOrDefault(task.DefinitionKey),
            task.CycleTitle,
            Name(task.Item) ?? task.WorkingGroup,
            task.Assignee is null ? null : users.GetValueOrDefault(task.Assignee),
            task.CompletedBy is null ? null : users.GetValueOrDefault(task.CompletedBy),
            task.DueAt is { } due && task.Status == "open" ? format.Due(due) : null,
            task.StageName ?? task.StageId,
            PlanningName("Theme", task.Theme),
            PlanningName("Level", task.Level),
            task.WorkingGroup))];
    }

    /// <summary>The theme's or level's name in the user's language; an id without a text stays as it is.</summary>
    private string? PlanningName(string kind, string? id) =>
        id is null ? null : planning[$"{kind}_{id}"] is { ResourceNotFound: false } text ? text.Value : id;

    private static string? Name(JsonElement? item) =>
        item is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
}
