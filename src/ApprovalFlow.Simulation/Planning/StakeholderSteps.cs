using System.Text.Json;

namespace ApprovalFlow.Simulation.Planning;

/// <summary>
/// What a simulated participant records through the planning API before completing a task of the stakeholder
/// register or of a body's decision: <c>IdentifyStakeholders</c> registers one stakeholder of each of the six
/// groups for the task's theme; the approval stages record the body's decision for the task (the
/// commission's revise names two agreed items, which must be exactly the items it reopens; another body's revise sends
/// the first working group of the directory back).
/// </summary>
internal static class StakeholderSteps
{
    /// <summary>The six stakeholder groups of the glossary with a sample name each.</summary>
    private static readonly (string Group, string Name)[] Stakeholders =
    [
        ("citizens", "شورای اجتماعی محله"),
        ("civil-society", "انجمن دوستداران میراث شهری"),
        ("urban-elites", "اساتید دانشگاه فردوسی"),
        ("city-council", "کمیسیون برنامه شورای شهر"),
        ("municipal-staff", "کارشناسان معاونت برنامه‌ریزی"),
        ("provincial-agencies", "اداره کل راه و شهرسازی استان"),
    ];

    /// <summary>The approval tasks whose decision is recorded on the decision page.</summary>
    private static readonly HashSet<string> DecisionTasks = new(StringComparer.Ordinal) { "CommitteeApproval", "CommissionReview", "SupremeCouncilApproval", "CityCouncilApproval" };

    /// <summary>Records the content of task <paramref name="taskId"/> (claimed by <paramref name="member"/>) when it is one of these tasks; nothing otherwise.</summary>
    public static async Task RecordAsync(ApiSession member, string nodeId, string taskId, JsonElement? item, bool revise, SimulationOptions options, CancellationToken cancellationToken)
    {
        var cycle = $"/api/cycles/{Uri.EscapeDataString(options.BusinessKey)}";
        if (nodeId == "IdentifyStakeholders")
        {
            var theme = item is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("id", out var id) ? id.GetString()! : throw new SimulationException($"Task {taskId} has no theme.");
            foreach (var (group, name) in Stakeholders)
            {
                await member.PostAsync($"{cycle}/stakeholders", new
                {
                    name = $"{name} ({theme})", stakeholderGroup = group, themes = new[] { theme }, kind = "organization",
                    email = $"{group}.{theme}@stakeholders.example", notes = "جلسه هم‌اندیشی",
                }, cancellationToken);
            }
        }
        else if (DecisionTasks.Contains(nodeId))
        {
            // The commission sends back two items by name; another body sends back a whole working group.
            Guid[] reopen = revise && nodeId == "CommissionReview" ? await ItemsAsync(member, cycle, "agreed", 2, cancellationToken) : [];
            string[] workingGroups = revise && reopen.Length == 0 ? [await FirstWorkingGroupAsync(member, cancellationToken)] : [];
            await member.PostAsync($"{cycle}/decisions", new
            {
                taskId,
                decision = revise ? "revise" : "approve",
                comment = revise ? "لطفاً بازنگری شود." : "تأیید می‌شود.",
                resolutionNumber = nodeId == "CityCouncilApproval" ? $"{options.Cycle}/۱۲۳" : null,
                resolutionDate = nodeId == "CityCouncilApproval" ? "2026-06-01" : null,
                items = reopen.Select(id => new { itemId = id, reopen = true, comment = "هزینه و واحد مسئول روشن نیست." }).ToArray(),
                workingGroups,
            }, cancellationToken);
            Guid[] reopened = reopen.Length == 0 ? [] : await ItemsAsync(member, cycle, "reopened", 200, cancellationToken);
            if (!reopened.Order().SequenceEqual(reopen.Order()))
            {
                throw new SimulationException($"The {nodeId} revise named items {string.Join(", ", reopen)} but reopened {string.Join(", ", reopened)}.");
            }
        }
    }

    /// <summary>The ids of up to <paramref name="count"/> items of the cycle with status <paramref name="status"/>.</summary>
    private static async Task<Guid[]> ItemsAsync(ApiSession member, string cycle, string status, int count, CancellationToken cancellationToken)
    {
        var page = await member.GetAsync($"{cycle}/items?status={status}&pageSize={count}", cancellationToken);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    private static async Task<string> FirstWorkingGroupAsync(ApiSession member, CancellationToken cancellationToken)
    {
        var groups = await member.GetAsync("/api/groups", cancellationToken);
        return groups.EnumerateArray().First(g => g.GetProperty("kind").GetString() == "working-group").GetProperty("id").GetString()!;
    }
}
