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
        "RecordSessions" => new
        {
            sessions = new[] { new { date = "2026-04-20", subject = "جلسه اول کارگروه", stakeholderGroups = new[] { "citizens", "municipal-staff" }, attendees = "۱۲ نفر از نمایندگان ذی‌نفعان", minutes = "صورتجلسه پیوست است." } },
            informationSources = new[] { "council-interviews", "citizen-surveys", "upstream-documents" },
        },
        "DraftFindings" => new
        {
            problems = new[] { new { title = "کمبود فضای سبز محلی", description = "سرانه پایین در مناطق حاشیه" } },
            strategies = new[] { new { title = "توسعه بوستان‌های محله‌ای", description = "با مشارکت شهروندان" } },
            executivePolicies = new[] { new { title = "اولویت زمین‌های بلااستفاده", description = "تملک و تغییر کاربری" } },
            projects = new[] { new { title = "ساخت ۱۰ بوستان محله‌ای", description = "در چهار سال" } },
        },
        "AgreeFindings" or "CommitteeApproval" or "CommissionReview" or "SupremeCouncilApproval" => Decision(revise),
        "CityCouncilApproval" => new
        {
            decision = revise ? "revise" : "approve",
            comment = revise ? "نیاز به بازنگری دارد." : "برنامه تصویب شد.",
            resolutionNumber = $"{cycle}/۱۲۳",
            resolutionDate = "2026-06-01",
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
