using System.Globalization;
using System.Text.Json;

namespace ApprovalFlow.Simulation.Planning;

/// <summary>
/// What a working group records through the API before it completes its tasks: for <c>RecordSessions</c> a session
/// with minutes, information sources and attendees; for <c>DraftFindings</c> a problem → strategy → executive policy →
/// project chain from that session (once: a second round after a send-back keeps it); for <c>AgreeFindings</c> the
/// members' agreement (the first item by a vote, the rest by consensus) or, when sending back, the decision to revise.
/// </summary>
internal static class SessionSteps
{
    private static readonly string[] SessionSources = ["council-interviews", "citizen-surveys", "upstream-documents"];
    private static readonly string[] ProblemSources = ["citizen-surveys"];

    /// <summary>Records the working group's content for the task at <paramref name="nodeId"/>; other tasks are left alone.</summary>
    /// <param name="member">The member doing the task.</param>
    /// <param name="nodeId">The task's node.</param>
    /// <param name="task">The task as <c>GET /api/tasks</c> lists it.</param>
    /// <param name="options">The simulation's options (business key and cycle years).</param>
    /// <param name="revise">Whether the agreement sends the findings back.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task RecordAsync(ApiSession member, string nodeId, JsonElement task, SimulationOptions options, bool revise, CancellationToken cancellationToken)
    {
        if (nodeId is not ("RecordSessions" or "DraftFindings" or "AgreeFindings"))
        {
            return;
        }

        var instance = await member.GetAsync($"/api/instances/{task.GetProperty("instanceId").GetString()}", cancellationToken);
        var group = instance.GetProperty("variables").GetProperty("workingGroup");
        var groupId = group.GetProperty("id").GetString()!;
        var cycle = $"/api/cycles/{Uri.EscapeDataString(options.BusinessKey)}";
        switch (nodeId)
        {
            case "RecordSessions":
                await member.PostAsync($"{cycle}/sessions", new
                {
                    workingGroup = groupId,
                    date = "2026-04-20",
                    place = $"سالن جلسات {group.GetProperty("unitName").GetString()}",
                    online = false,
                    agenda = "هم‌اندیشی با ذی‌نفعان درباره مسائل محور",
                    minutes = "نمایندگان شهروندان و بدنه شهرداری مسائل محله را برشمردند؛ کمبود فضای سبز محلی مهم‌ترین مسئله دانسته شد.",
                    sources = SessionSources,
                    attendees = new[]
                    {
                        new { name = "نماینده شورای اجتماعی محله", stakeholderGroup = "citizens" },
                        new { name = "کارشناس واحد میزبان", stakeholderGroup = "municipal-staff" },
                    },
                }, cancellationToken);
                break;
            case "DraftFindings":
                await DraftAsync(member, cycle, groupId, options.Cycle, cancellationToken);
                break;
            default:
                await AgreeAsync(member, cycle, groupId, task.GetProperty("id").GetString()!, revise, cancellationToken);
                break;
        }
    }

    private static async Task DraftAsync(ApiSession member, string cycle, string groupId, string years, CancellationToken cancellationToken)
    {
        var drafted = await member.GetAsync($"{cycle}/items?workingGroup={Uri.EscapeDataString(groupId)}&pageSize=1", cancellationToken);
        if (drafted.GetProperty("total").GetInt32() > 0)
        {
            return;
        }

        var sessions = await member.GetAsync($"{cycle}/sessions?workingGroup={Uri.EscapeDataString(groupId)}", cancellationToken);
        var session = sessions[0].GetProperty("id").GetString()!;
        var problem = await CreateAsync(member, cycle, new { kind = "problem", title = "کمبود فضای سبز محلی", description = "سرانه پایین فضای سبز در محله‌های حاشیه", workingGroup = groupId, sessions = new[] { session }, sources = ProblemSources }, cancellationToken);
        var strategy = await CreateAsync(member, cycle, new { kind = "strategy", title = "توسعه بوستان‌های محله‌ای", description = "با مشارکت شهروندان", workingGroup = groupId, sessions = new[] { session }, from = new[] { problem } }, cancellationToken);
        var policy = await CreateAsync(member, cycle, new { kind = "executivePolicy", title = "اولویت زمین‌های بلااستفاده برای بوستان", workingGroup = groupId, from = new[] { strategy } }, cancellationToken);
        var span = years.Split('-');
        int? first = span.Length == 2 && int.TryParse(span[0], CultureInfo.InvariantCulture, out var f) ? f : null;
        int? last = span.Length == 2 && int.TryParse(span[1], CultureInfo.InvariantCulture, out var l) ? l : null;
        await CreateAsync(member, cycle, new
        {
            kind = "project", title = "ساخت ده بوستان محله‌ای", workingGroup = groupId, from = new[] { policy },
            responsibleUnit = "سازمان پارک‌ها و فضای سبز", startYear = first, endYear = last, costRials = 250_000_000_000L,
        }, cancellationToken);
    }

    private static async Task<string> CreateAsync(ApiSession member, string cycle, object item, CancellationToken cancellationToken) =>
        (await member.PostAsync($"{cycle}/items", item, cancellationToken)).GetProperty("id").GetString()!;

    private static async Task AgreeAsync(ApiSession member, string cycle, string groupId, string taskId, bool revise, CancellationToken cancellationToken)
    {
        if (!revise)
        {
            var items = await member.GetAsync($"{cycle}/items?workingGroup={Uri.EscapeDataString(groupId)}&kind=problem&pageSize=1", cancellationToken);
            var first = items.GetProperty("items")[0].GetProperty("id").GetString();
            await member.PostAsync($"{cycle}/items/{first}/agreement", new { mode = "vote", votesFor = 7, votesAgainst = 1, votesAbstain = 1 }, cancellationToken);
        }

        await member.PostAsync($"{cycle}/agreements", new
        {
            workingGroup = groupId,
            decision = revise ? "revise" : "approve",
            comment = revise ? "راهبردها کامل نیست؛ بازنگری شود." : "یافته‌ها در نشست اعضا خوانده و تأیید شد.",
            taskId,
            agreeAllByConsensus = !revise,
        }, cancellationToken);
    }
}
