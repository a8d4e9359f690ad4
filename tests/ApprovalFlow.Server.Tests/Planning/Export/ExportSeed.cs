using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Export;

/// <summary>
/// A cycle of each test's own written straight through the DbContext, whose trace is known:
/// <list type="bullet">
/// <item>working groups A and B (directory groups of kind <c>working-group</c>) and the unit «سازمان پارک‌ها»;</item>
/// <item>sessions S1 (A; attendees two citizens and an urban elite), S2 (A; municipal staff), S3 (B; a citizen and a council member);</item>
/// <item>problem P1 (A, S1, sources citizen surveys and upstream documents); problems P2 (A, S2, elite interviews) and
/// P3 (B, S3, council interviews) merged into the consolidated problem C; strategy St1 (A, S1) answering P1 and P2
/// (so C); policy Pol1 (A, organisational trends) serving St1; project Pr1 (A, S2; the parks unit, 1405–1407,
/// 12,000,000,000 rials) carrying out Pol1; project Pr2 (urban economy, B, citizen surveys) without a policy; and
/// the withdrawn problem W (B, S3, suggestion system events).</item>
/// </list>
/// The plan: C (1.1.1), P1 (1.1.2), St1 (1.2.1), Pol1 (1.3.1), Pr1 (1.4.1), Pr2 (4.4.1).
/// </summary>
internal sealed record ExportSeed(
    PlanCycleRecord Cycle, string GroupA, string GroupB, string ParksUnit,
    PlanItemRecord P1, PlanItemRecord P2, PlanItemRecord P3, PlanItemRecord C, PlanItemRecord St1, PlanItemRecord Pol1,
    PlanItemRecord Pr1, PlanItemRecord Pr2, PlanItemRecord W, Guid S1, Guid S2, Guid S3)
{
    public const long Pr1Cost = 12_000_000_000;

    /// <summary>The items of the plan as it stands.</summary>
    public IReadOnlyList<PlanItemRecord> Current => [C, P1, St1, Pol1, Pr1, Pr2];

    public static async Task<ExportSeed> CreateAsync(ServiceFixture service, string name)
    {
        var tag = $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)];
        var groupA = $"wg-{tag}-a";
        var groupB = $"wg-{tag}-b";
        var parks = $"unit-{tag}-parks";
        var now = DateTimeOffset.UtcNow;
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.Groups.AddRange(
            new DirectoryGroup { Id = groupA, Name = $"کارگروه ستادی هویت شهری {tag}", Kind = PlanningGroupKinds.WorkingGroup },
            new DirectoryGroup { Id = groupB, Name = $"کارگروه منطقه‌ای هویت شهری {tag}", Kind = PlanningGroupKinds.WorkingGroup },
            new DirectoryGroup { Id = parks, Name = "سازمان پارک‌ها و فضای سبز", Kind = PlanningGroupKinds.Unit });
        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(), BusinessKey = $"mtp-test-{tag}", Title = $"برنامه میان‌مدت آزمون {tag}", FirstYear = 1405, LastYear = 1408,
            Themes = PlanCycles.DefaultThemes(), Status = PlanCycleStatus.InApproval, CreatedBy = "system", CreatedAt = now,
        };
        db.PlanCycles.Add(cycle);

        WorkingGroupSessionRecord Session(string group, DateOnly date, string agenda, params (string Name, string StakeholderGroup)[] attendees)
        {
            var session = new WorkingGroupSessionRecord
            {
                Id = Guid.CreateVersion7(), CycleId = cycle.Id, WorkingGroupId = group, Date = date, Agenda = agenda, Minutes = "صورت‌جلسه",
                Sources = ["citizen-surveys"], CreatedBy = "system", CreatedAt = now, UpdatedAt = now,
            };
            db.Sessions.Add(session);
            db.SessionAttendees.AddRange(attendees.Select(a => new SessionAttendeeRecord { Id = Guid.CreateVersion7(), SessionId = session.Id, Name = a.Name, StakeholderGroup = a.StakeholderGroup }));
            return session;
        }

        var s1 = Session(groupA, new DateOnly(2025, 10, 7), "نشست با شهروندان محله", ("علی رضایی", "citizens"), ("زهرا کریمی", "citizens"), ("دکتر محمدی", "urban-elites"));
        var s2 = Session(groupA, new DateOnly(2025, 10, 21), "نشست با کارکنان شهرداری", ("مهدی احمدی", "municipal-staff"));
        var s3 = Session(groupB, new DateOnly(2025, 11, 4), "نشست منطقه ثامن", ("فاطمه حسینی", "citizens"), ("عضو شورا", "city-council"));

        PlanItemRecord Item(PlanItemKind kind, string title, string? group, string[] sources, PlanItemStatus status, string theme = "urban-identity", params WorkingGroupSessionRecord[] sessions)
        {
            var item = new PlanItemRecord
            {
                Id = Guid.CreateVersion7(), CycleId = cycle.Id, Kind = kind, Title = title, Description = $"شرح {title}", Theme = theme, Level = "headquarters",
                WorkingGroupId = group, Sources = [.. sources], Status = status, CreatedBy = "system", CreatedAt = now, UpdatedAt = now,
            };
            db.PlanItems.Add(item);
            db.PlanItemSessions.AddRange(sessions.Select(s => new PlanItemSessionRecord { ItemId = item.Id, SessionId = s.Id }));
            return item;
        }

        var p1 = Item(PlanItemKind.Problem, "کمبود فضاهای جمعی در محله‌های قدیمی", groupA, ["citizen-surveys", "upstream-documents"], PlanItemStatus.Agreed, sessions: s1);
        var c = Item(PlanItemKind.Problem, "فرسودگی بافت تاریخی پیرامون حرم", null, [], PlanItemStatus.Agreed);
        c.IsConsolidated = true;
        var p2 = Item(PlanItemKind.Problem, "فرسودگی بافت تاريخی پيرامون حرم", groupA, ["elite-interviews"], PlanItemStatus.Merged, sessions: s2);
        var p3 = Item(PlanItemKind.Problem, "فرسودگی بافت‌تاریخی پیرامون حرم ۲", groupB, ["council-interviews"], PlanItemStatus.Merged, sessions: s3);
        var st1 = Item(PlanItemKind.Strategy, "بازآفرینی بافت تاریخی با مشارکت ساکنان", groupA, [], PlanItemStatus.Agreed, sessions: s1);
        var pol1 = Item(PlanItemKind.ExecutivePolicy, "تسهیل صدور پروانه نوسازی در بافت تاریخی", groupA, ["organizational-trends"], PlanItemStatus.Agreed);
        var pr1 = Item(PlanItemKind.Project, "احیای بازارچه‌های تاریخی", groupA, [], PlanItemStatus.Agreed, sessions: s2);
        pr1.ResponsibleUnit = parks;
        pr1.StartYear = 1405;
        pr1.EndYear = 1407;
        pr1.CostRials = Pr1Cost;
        var pr2 = Item(PlanItemKind.Project, "بازارچه محصولات محلی", groupB, ["citizen-surveys"], PlanItemStatus.Agreed, theme: "urban-economy");
        pr2.ResponsibleUnit = "اداره کل بازارها";
        pr2.StartYear = 1406;
        var w = Item(PlanItemKind.Problem, "پیشنهاد کنارگذاشته‌شده", groupB, ["suggestion-system-events"], PlanItemStatus.Withdrawn, sessions: s3);
        await db.SaveChangesAsync();

        p2.MergedIntoId = c.Id;
        p3.MergedIntoId = c.Id;
        db.PlanItemLinks.AddRange(
            new PlanItemLinkRecord { FromItemId = p1.Id, ToItemId = st1.Id },
            new PlanItemLinkRecord { FromItemId = p2.Id, ToItemId = st1.Id },
            new PlanItemLinkRecord { FromItemId = st1.Id, ToItemId = pol1.Id },
            new PlanItemLinkRecord { FromItemId = pol1.Id, ToItemId = pr1.Id });
        await db.SaveChangesAsync();
        return new ExportSeed(cycle, groupA, groupB, parks, p1, p2, p3, c, st1, pol1, pr1, pr2, w, s1.Id, s2.Id, s3.Id);
    }

    /// <summary>A signed-in member of working group A (in the cycle: reads it).</summary>
    public Task<(ApplicationUser User, HttpClient Client)> MemberAsync(ServiceFixture service) =>
        service.SignInNewAsync("export-member", ["official"], GroupA);
}
