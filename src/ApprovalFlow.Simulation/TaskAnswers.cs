using System.Text.Json;

namespace ApprovalFlow.Simulation;

/// <summary>The form answers a simulated participant gives for each user task of the mid-term plan.</summary>
public static class TaskAnswers
{
    /// <summary>Variables for completing the task at <paramref name="nodeId"/>; <paramref name="revise"/> sends an approval back.</summary>
    public static object For(string nodeId, JsonElement? item, bool revise, string cycle) => nodeId switch
    {
        "AgreeFindings" => Decision(revise),
        "FollowUpOverdueWorkingGroups" => new { followUpNotes = "با دبیران کارگروه‌های عقب‌مانده تماس گرفته شد." },
        "PublishPlan" => new { publicationDate = "2026-06-15", publicationReference = $"MTP-{cycle}" },
        _ => new { },
    };

    private static object Decision(bool revise) =>
        new { decision = revise ? "revise" : "approve", comment = revise ? "لطفاً بازنگری شود." : "تأیید می‌شود." };
}
