using System.Text.Json;

namespace ApprovalFlow.Simulation;

/// <summary>The form answers a simulated participant gives for each user task of the mid-term plan.</summary>
public static class TaskAnswers
{
    /// <summary>Variables for completing the task at <paramref name="nodeId"/>; <paramref name="revise"/> sends an approval back.</summary>
    public static object For(string nodeId, JsonElement? item, bool revise, string cycle) => nodeId switch
    {
        "IdentifyStakeholders" => new
        {
            stakeholders = new[]
            {
                new { group = "citizens", name = "شورای اجتماعی محلات", representative = "نماینده محله", engagement = "جلسه هم‌اندیشی" },
                new { group = "urban-elites", name = "اساتید دانشگاه فردوسی", representative = "دکتر نمونه", engagement = "مصاحبه" },
            },
            stakeholderNotes = $"ذی‌نفعان محور {Text(item, "name")} شناسایی شدند.",
        },
        "AgreeFindings" or "CommitteeApproval" or "CommissionReview" or "SupremeCouncilApproval" => Decision(revise),
        "CityCouncilApproval" => new
        {
            decision = revise ? "revise" : "approve",
            comment = revise ? "نیاز به بازنگری دارد." : "برنامه تصویب شد.",
            resolutionNumber = $"{cycle}/۱۲۳",
            resolutionDate = "2026-06-01",
        },
        "ConsolidateAndPrioritize" => new
        {
            consolidatedProblems = "مسائل تلفیق و اولویت‌بندی شدند.",
            consolidatedStrategies = "راهبردها تلفیق شدند.",
            consolidatedExecutivePolicies = "سیاست‌های اجرایی تلفیق شدند.",
            consolidatedProjects = "پروژه‌ها اولویت‌بندی شدند.",
            planDocument = $"سند برنامه میان‌مدت {cycle}",
        },
        "FollowUpOverdueWorkingGroups" => new { followUpNotes = "با دبیران کارگروه‌های عقب‌مانده تماس گرفته شد." },
        "PublishPlan" => new { publicationDate = "2026-06-15", publicationReference = $"MTP-{cycle}" },
        _ => new { },
    };

    private static object Decision(bool revise) =>
        new { decision = revise ? "revise" : "approve", comment = revise ? "لطفاً بازنگری شود." : "تأیید می‌شود." };

    private static string Text(JsonElement? item, string property) =>
        item is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(property, out var found) ? found.GetString() ?? string.Empty : string.Empty;
}
