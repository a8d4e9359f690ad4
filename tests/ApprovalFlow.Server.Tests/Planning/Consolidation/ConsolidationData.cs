using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Consolidation;

/// <summary>A cycle of its own per test with items written straight through the DbContext (the items API is another area's).</summary>
internal sealed class ConsolidationData(ServiceFixture service)
{
    public string BusinessKey { get; } = $"mtp-test-consolidation-{Guid.NewGuid():N}"[..40];

    public Guid CycleId { get; private set; }

    public async Task CreateCycleAsync()
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(), BusinessKey = BusinessKey, Title = "برنامه آزمایشی", FirstYear = 1405, LastYear = 1408,
            Themes = PlanCycles.DefaultThemes(), Status = PlanCycleStatus.Preparing, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        };
        db.PlanCycles.Add(cycle);
        await db.SaveChangesAsync();
        CycleId = cycle.Id;
    }

    public async Task<Guid> SessionAsync(string workingGroup, string agenda)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var session = new WorkingGroupSessionRecord
        {
            Id = Guid.CreateVersion7(), CycleId = CycleId, WorkingGroupId = workingGroup, Date = new DateOnly(2026, 4, 20), Agenda = agenda, Minutes = "صورت‌جلسه",
            Sources = ["citizen-surveys"], CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public async Task<Guid> ItemAsync(
        string title, PlanItemKind kind = PlanItemKind.Problem, string theme = "urban-environment", string level = "region",
        string? workingGroup = null, Guid? session = null, string[]? sources = null, string? description = null)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var item = new PlanItemRecord
        {
            Id = Guid.CreateVersion7(), CycleId = CycleId, Kind = kind, Title = title, Description = description, SearchKey = PersianText.SearchKey(title, description),
            Theme = theme, Level = level, WorkingGroupId = workingGroup, Sources = [.. sources ?? []], Status = PlanItemStatus.Agreed,
            CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.PlanItems.Add(item);
        if (session is { } s)
        {
            db.PlanItemSessions.Add(new PlanItemSessionRecord { ItemId = item.Id, SessionId = s });
        }

        await db.SaveChangesAsync();
        return item.Id;
    }

    public async Task LinkAsync(Guid from, Guid to)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.PlanItemLinks.Add(new PlanItemLinkRecord { FromItemId = from, ToItemId = to });
        await db.SaveChangesAsync();
    }

    public async Task<T> ReadAsync<T>(Func<ApprovalFlowDbContext, Task<T>> read)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }
}
