using System.Text.Json;

namespace ApprovalFlow.Simulation.Planning;

/// <summary>
/// What a simulated participant records through the planning API before completing a task of the stakeholder
/// register or of a body's decision: <c>IdentifyStakeholders</c> registers one stakeholder of each of the six
/// groups for the task's theme; the approval stages record the body's decision for the task (a revise sends the
/// first working group of the directory back).
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
            string[] workingGroups = revise ? [await FirstWorkingGroupAsync(member, cancellationToken)] : [];
            await member.PostAsync($"{cycle}/decisions", new
            {
                taskId,
                decision = revise ? "revise" : "approve",
                comment = revise ? "لطفاً بازنگری شود." : "تأیید می‌شود.",
                resolutionNumber = nodeId == "CityCouncilApproval" ? $"{options.Cycle}/۱۲۳" : null,
                resolutionDate = nodeId == "CityCouncilApproval" ? "2026-06-01" : null,
                workingGroups,
            }, cancellationToken);
        }
    }

    private static async Task<string> FirstWorkingGroupAsync(ApiSession member, CancellationToken cancellationToken)
    {
        var groups = await member.GetAsync("/api/groups", cancellationToken);
        return groups.EnumerateArray().First(g => g.GetProperty("kind").GetString() == "working-group").GetProperty("id").GetString()!;
    }
}
