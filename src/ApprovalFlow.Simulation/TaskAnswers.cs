using System.Text.Json;

namespace ApprovalFlow.Simulation;

/// <summary>The form answers a simulated participant gives for each user task of the mid-term plan.</summary>
public static class TaskAnswers
{
    /// <summary>Variables for completing the task at <paramref name="nodeId"/>; <paramref name="revise"/> sends an approval back.</summary>
    public static object For(string nodeId, JsonElement? item, bool revise, string cycle) => nodeId switch
    {
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
        "AgreeFindings" => Decision(revise),
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
}
