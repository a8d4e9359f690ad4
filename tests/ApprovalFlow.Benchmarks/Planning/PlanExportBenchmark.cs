using System.Diagnostics;
using System.Globalization;
using ApprovalFlow.Benchmarks.Durable;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Export;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Benchmarks.Planning;

/// <summary>
/// The Word export of a cycle of <c>--items</c> plan items (default 2,000; issue 12 asks under 5 s) on a fresh
/// database: the items spread over the six themes and four kinds, each from one of 200 sessions with three
/// attendees, every strategy, policy and project linked upstream, every tenth problem an original merged into a
/// consolidated one. Prints the time of <c>GET /api/cycles/{key}/export?format=docx</c> over HTTP (<c>--runs</c>
/// times after one warm-up) and, in-process, of reading the plan and of writing the document, the file's size
/// and the Open XML validator's error count. Not a test: run it by hand (<c>plan-export [--items N] [--runs N] [--keep-database]</c>).
/// </summary>
internal static class PlanExportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = 2_000;
        var runs = 5;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--items": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --items N --runs N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_plan_export");
        await using var host = await ServiceHost.StartAsync(database.ConnectionString);
        var user = await host.CreateUserAsync("plan-reader");
        var started = Stopwatch.GetTimestamp();
        var cycle = await SeedAsync(host, user.Id, count);
        Console.WriteLine($"Plan export: cycle {cycle.BusinessKey} with {count:N0} items seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");

        using var client = await host.SignInAsync(user);
        var url = new Uri($"/api/cycles/{cycle.BusinessKey}/export?format=docx", UriKind.Relative);
        var http = new Latencies();
        byte[] file = [];
        for (var i = -1; i < runs; i++)
        {
            var timer = i < 0 ? new Latencies() : http;
            file = await timer.TimeAsync(async () =>
            {
                using var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsByteArrayAsync();
            });
        }

        var read = new Latencies();
        var write = new Latencies();
        var current = 0;
        for (var i = 0; i < runs; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var record = await services.GetRequiredService<ApprovalFlowDbContext>().PlanCycles.AsNoTracking().SingleAsync(c => c.Id == cycle.Id);
            var plan = await read.TimeAsync(() => services.GetRequiredService<PlanReader>().ReadAsync(record, CancellationToken.None));
            current = plan.Entries.Count();
            await write.TimeAsync(() => Task.FromResult(services.GetRequiredService<PlanWordExport>().Write(plan)));
        }

        using var stream = new MemoryStream(file);
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Count();
        Console.WriteLine($"   {current:N0} items in the plan (the rest merged); .docx of {file.Length / 1024.0:N0} KiB; Open XML validator: {errors} errors.");
        Console.WriteLine("Summary (warm):");
        Console.WriteLine($"   GET export?format=docx over HTTP      {Latencies.Summary(Latencies.Merge([http]))}");
        Console.WriteLine($"   PlanReader.ReadAsync (in-process)     {Latencies.Summary(Latencies.Merge([read]))}");
        Console.WriteLine($"   PlanWordExport.Write (in-process)     {Latencies.Summary(Latencies.Merge([write]))}");
        return 0;
    }

    private static async Task<PlanCycleRecord> SeedAsync(ServiceHost host, string userId, int count)
    {
        var now = DateTimeOffset.UtcNow;
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(), BusinessKey = "mtp-bench-export", Title = "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸ (سنجش)", FirstYear = 1405, LastYear = 1408,
            Themes = PlanCycles.DefaultThemes(), Status = PlanCycleStatus.InApproval, CreatedBy = userId, CreatedAt = now,
        };
        db.PlanCycles.Add(cycle);
        var groups = PlanningVocabulary.StakeholderGroups.Select(g => g.Id).ToArray();
        var sources = PlanningVocabulary.InformationSources.Select(s => s.Id).ToArray();
        var sessions = Enumerable.Range(0, 200).Select(s => new WorkingGroupSessionRecord
        {
            Id = Guid.CreateVersion7(), CycleId = cycle.Id, WorkingGroupId = $"wg-bench-{s % 33:00}", Date = new DateOnly(2025, 9, 1).AddDays(s % 90),
            Agenda = $"نشست شماره {s} با ذی‌نفعان", Minutes = "صورت‌جلسه", Sources = [sources[s % sources.Length]], CreatedBy = userId, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.Sessions.AddRange(sessions);
        db.SessionAttendees.AddRange(sessions.SelectMany((s, i) => Enumerable.Range(0, 3).Select(a => new SessionAttendeeRecord
        {
            Id = Guid.CreateVersion7(), SessionId = s.Id, Name = $"شرکت‌کننده {i}-{a}", StakeholderGroup = groups[(i + a) % groups.Length],
        })));

        var items = new List<PlanItemRecord>(count);
        var links = new List<PlanItemLinkRecord>();
        for (var i = 0; i < count; i++)
        {
            var theme = PlanningVocabulary.Themes[i % 6].Id;
            var kind = (PlanItemKind)(i / 6 % 4);
            var item = new PlanItemRecord
            {
                Id = Guid.CreateVersion7(), CycleId = cycle.Id, Kind = kind, Title = $"{kind} شماره {i}: بهبود کیفیت زندگی شهری در محله‌های {theme}",
                Description = "شرح کوتاهی از مورد، آن‌گونه که کارگروه در جلسه‌های خود با ذی‌نفعان و با خوانش اسناد فرادست به آن رسیده است.",
                Theme = theme, Level = PlanningVocabulary.Levels[i % 3], WorkingGroupId = $"wg-bench-{i % 33:00}", Sources = [sources[i % 9], sources[(i + 4) % 9]],
                Status = PlanItemStatus.Agreed, CreatedBy = userId, CreatedAt = now, UpdatedAt = now,
            };
            if (kind == PlanItemKind.Project)
            {
                item.ResponsibleUnit = $"unit-bench-{i % 20}";
                item.StartYear = 1405 + i % 3;
                item.EndYear = 1408;
                item.CostRials = 1_000_000_000L * (1 + i % 50);
            }

            items.Add(item);
            db.PlanItemSessions.Add(new PlanItemSessionRecord { ItemId = item.Id, SessionId = sessions[i % sessions.Count].Id });
            if (kind != PlanItemKind.Problem && i >= 6)
            {
                links.Add(new PlanItemLinkRecord { FromItemId = items[i - 6].Id, ToItemId = item.Id });
            }
        }

        db.PlanItems.AddRange(items);
        await db.SaveChangesAsync();

        // Every tenth problem is merged into the problem before it (made consolidated).
        foreach (var (original, index) in items.Select((item, index) => (item, index)).Where(p => p.item.Kind == PlanItemKind.Problem && p.index % 10 == 0 && p.index >= 24))
        {
            var target = items[index - 24];
            await db.PlanItems.Where(x => x.Id == original.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.MergedIntoId, target.Id).SetProperty(x => x.Status, PlanItemStatus.Merged));
            await db.PlanItems.Where(x => x.Id == target.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsConsolidated, true));
        }

        db.ChangeTracker.Clear();
        db.PlanItemLinks.AddRange(links);
        await db.SaveChangesAsync();
        return cycle;
    }
}
