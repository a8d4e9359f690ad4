using System.Globalization;
using ApprovalFlow.Benchmarks.Durable;
using ApprovalFlow.Server.Features.Planning.Consolidation;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace ApprovalFlow.Benchmarks.Planning;

/// <summary>
/// Duplicate suggestions (<see cref="DuplicateSuggestions"/>, what <c>GET /api/cycles/{key}/duplicates</c> and
/// the consolidation workspace compute) over <c>--items</c> plan items of one cycle (Persian titles from a
/// vocabulary of planning words, every 50th a variant of another that differs only in ي/ی, ZWNJ and digit
/// forms): p50/p95 of the first page, of a theme-filtered page and of the task page's undecided count, and
/// the EXPLAIN (ANALYZE, BUFFERS) showing the trigram index. Not a test: run it by hand
/// (<c>duplicates [--items N] [--runs N] [--keep-database]</c>).
/// </summary>
internal static class DuplicatesBenchmark
{
    private static readonly string[] Words =
    [
        "ساماندهی", "توسعه", "بوستان", "محله", "پسماند", "حمل", "نقل", "عمومی", "ناوگان", "اتوبوس", "مترو", "فضای", "سبز", "آلودگی", "هوا",
        "کاهش", "افزایش", "مشارکت", "شهروندان", "گردشگری", "زائران", "بافت", "فرسوده", "نوسازی", "سرمایه", "گذاری", "درآمد", "پایدار", "هوشمند",
        "خدمات", "الکترونیک", "ایمنی", "آتش", "نشانی", "فرهنگی", "ورزشی", "میراث", "تاریخی", "پیاده", "راه", "دوچرخه", "پارکینگ", "ترافیک",
        "آب", "خاکستری", "بازچرخانی", "انرژی", "خورشیدی", "روشنایی", "معابر", "دیپلماسی", "خواهرخواندگی", "بازار", "اشتغال", "جوانان", "زنان",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var items = 20_000;
        var runs = 50;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--items": items = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --items N --runs N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_duplicates");
        await using var host = await ServiceHost.StartAsync(database.ConnectionString);
        var started = DateTimeOffset.UtcNow;
        var cycleId = await SeedAsync(database, items);
        await ExecuteAsync(database, "ANALYZE approvalflow.plan_items");
        Console.WriteLine($"Duplicates: {items:N0} plan items in one cycle (every 50th a ي/ی-ZWNJ-digits variant of another); seeded in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s (ANALYZE included).");

        var first = await TimeAsync(host, runs, s => s.PageAsync(cycleId, new DuplicateSuggestions.Filter(), 1, 20, CancellationToken.None));
        var themed = await TimeAsync(host, runs, s => s.PageAsync(cycleId, new DuplicateSuggestions.Filter(Theme: "urban-economy"), 1, 20, CancellationToken.None));
        var undecided = await TimeAsync(host, runs, s => s.CountUndecidedAsync(cycleId, 100, CancellationToken.None));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<DuplicateSuggestions>();
            var page = await service.PageAsync(cycleId, new DuplicateSuggestions.Filter(), 1, 20, CancellationToken.None);
            Console.WriteLine($"   first page: {page.Items.Count} pairs (has more: {page.HasMore}), e.g. «{page.Items[0].First.Title}» ~ «{page.Items[0].Second.Title}» at {page.Items[0].Similarity}");

            // The service sets the threshold per transaction; EXPLAIN runs on a connection of its own, so set it for the database.
            await ExecuteAsync(database, $"ALTER DATABASE {database.Name} SET pg_trgm.similarity_threshold = {DuplicateSuggestions.DefaultThreshold.ToString(CultureInfo.InvariantCulture)}");
            Console.WriteLine("   EXPLAIN (ANALYZE, BUFFERS), the first page of suggestions:");
            var sql = service.Pairs(cycleId, new DuplicateSuggestions.Filter(), 0, 21).ToQueryString();
            Console.WriteLine(string.Join('\n', (await InboxRun.ExplainAsync(database, sql)).Split('\n').Select(line => "      " + line)));
        }

        Console.WriteLine("Summary (DuplicateSuggestions through EF Core, in-process, warm):");
        Console.WriteLine($"   first page of 20 suggestions           {Latencies.Summary(first)}");
        Console.WriteLine($"   first page, theme urban-economy        {Latencies.Summary(themed)}");
        Console.WriteLine($"   undecided count (task page, up to 100) {Latencies.Summary(undecided)}");
        return 0;
    }

    /// <summary>Writes a cycle and <paramref name="count"/> agreed items through binary COPY, each with its search key from <see cref="PersianText.SearchKey"/>.</summary>
    private static async Task<Guid> SeedAsync(BenchmarkDatabase database, int count)
    {
        var cycleId = Guid.CreateVersion7();
        var themes = PlanCycles.DefaultThemes();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var cycle = new NpgsqlCommand(
            "INSERT INTO approvalflow.plan_cycles (id, business_key, title, first_year, last_year, themes, status, created_by, created_at) VALUES (@id, 'mtp-bench', 'bench', 1405, 1408, @themes::jsonb, 'Preparing', 'bench', now())",
            connection))
        {
            cycle.Parameters.AddWithValue("id", cycleId);
            cycle.Parameters.AddWithValue("themes", System.Text.Json.JsonSerializer.Serialize(themes, System.Text.Json.JsonSerializerOptions.Web));
            await cycle.ExecuteNonQueryAsync();
        }

        var random = new Random(1405);
        var titles = new List<string>(count);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY approvalflow.plan_items (id, cycle_id, kind, title, search_key, theme, level, working_group_id, sources, status, is_consolidated, created_by, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var title = i % 50 == 49 && titles.Count > 0
                    ? Variant(titles[random.Next(titles.Count)])
                    : string.Join(' ', Enumerable.Range(0, 6 + random.Next(5)).Select(_ => Words[random.Next(Words.Length)])) + $" در منطقه {random.Next(1, 14)}";
                titles.Add(title);
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(cycleId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(((string[])["Problem", "Strategy", "ExecutivePolicy", "Project"])[i % 4], NpgsqlDbType.Text);
                await writer.WriteAsync(title, NpgsqlDbType.Text);
                await writer.WriteAsync(PersianText.SearchKey(title), NpgsqlDbType.Text);
                await writer.WriteAsync(themes[i % themes.Count].Id, NpgsqlDbType.Text);
                await writer.WriteAsync(((string[])["headquarters", "organization", "region"])[i % 3], NpgsqlDbType.Text);
                await writer.WriteAsync($"wg-bench-{i % 40}", NpgsqlDbType.Text);
                await writer.WriteAsync(new[] { "citizen-surveys" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync("Agreed", NpgsqlDbType.Text);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync("bench", NpgsqlDbType.Text);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        return cycleId;
    }

    /// <summary>The same title as an official might type it elsewhere: Arabic yeh, Persian digits, a ZWNJ for a space.</summary>
    private static string Variant(string title) =>
        string.Concat(title.Replace('ی', 'ي').Select(c => c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c)).Replace("منطقه ", "منطقه\u200C", StringComparison.Ordinal);

    private static async Task ExecuteAsync(BenchmarkDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Times <paramref name="run"/> on a fresh scope (a new DbContext, as one request has) <paramref name="runs"/> times after a tenth as many warm-up runs.</summary>
    private static async Task<double[]> TimeAsync<T>(ServiceHost host, int runs, Func<DuplicateSuggestions, Task<T>> run)
    {
        var latencies = new Latencies();
        for (var i = -Math.Max(1, runs / 10); i < runs; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<DuplicateSuggestions>();
            if (i < 0)
            {
                await run(service);
            }
            else
            {
                await latencies.TimeAsync(() => run(service));
            }
        }

        return Latencies.Merge([latencies]);
    }
}
