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
/// the consolidation workspace compute) over <c>--items</c> plan items of one cycle (Persian titles as working
/// groups write them: an opener of the item's kind, one of 48 subjects, sometimes a qualifier, a district or a
/// neighbourhood; every 50th a copy of another that differs only in ي/ی, ZWNJ and digit forms, every 50th another a
/// rewording with a synonym or without its place): p50/p95 of the first page, of a theme-filtered page and of the task page's undecided count, and
/// the EXPLAIN (ANALYZE, BUFFERS) showing the trigram index. Not a test: run it by hand
/// (<c>duplicates [--items N] [--runs N] [--keep-database]</c>).
/// </summary>
internal static class DuplicatesBenchmark
{
    /// <summary>How each kind's titles open (a problem names a shortfall, a project a work).</summary>
    private static readonly string[][] Openers =
    [
        ["کمبود", "فرسودگی", "ضعف", "نبود", "کیفیت پایین", "پراکندگی", "هزینه بالای نگهداری", "کندی"],
        ["توسعه", "ارتقای", "بهبود", "تقویت", "گسترش", "یکپارچه‌سازی"],
        ["اولویت دادن به", "تشویق سرمایه‌گذاری خصوصی در", "استانداردسازی", "واگذاری بهره‌برداری", "بازنگری ضوابط"],
        ["احداث", "بهسازی", "نوسازی", "تجهیز", "ساماندهی", "راه‌اندازی سامانه پایش"],
    ];

    /// <summary>What the items are about, across the six themes.</summary>
    private static readonly string[] Subjects =
    [
        "ناوگان اتوبوسرانی", "شبکه دوچرخه‌سواری", "پیاده‌راه‌های محلی", "بوستان‌های محله‌ای", "فضای سبز عمومی", "جمع‌آوری و تفکیک پسماند",
        "شبکه آب‌های سطحی", "روشنایی معابر", "پارکینگ‌های عمومی", "ایستگاه‌های آتش‌نشانی", "خانه‌های فرهنگ", "سالن‌های ورزشی",
        "بافت تاریخی", "بافت فرسوده", "بازارچه‌های محلی", "خدمات الکترونیک شهری", "سامانه مدیریت ترافیک", "خط قطار شهری",
        "پایانه‌های مسافربری", "زیرساخت‌های گردشگری مذهبی", "اقامتگاه‌های زائران", "سامانه مشارکت شهروندان", "بازارچه‌های صنایع دستی",
        "نیروگاه‌های خورشیدی بام ساختمان‌های اداری", "تصفیه‌خانه‌های آب خاکستری", "ایستگاه‌های پایش کیفیت هوا", "دیوارهای صوتی بزرگراه‌ها", "ایمنی ساختمان‌های بلند",
        "مناسب‌سازی معابر برای معلولان", "مراکز مهارت‌آموزی جوانان", "مراکز توانمندسازی زنان سرپرست خانوار", "دفاتر روابط خواهرخواندگی",
        "پایگاه‌های مدیریت بحران", "مسیل‌ها و کانال‌های سیلاب", "کتابخانه‌های عمومی", "سرای سالمندان", "مراکز نگهداری کودکان", "میادین میوه و تره‌بار",
        "آرامستان‌ها", "کشتارگاه دام", "تاکسیرانی", "حمل بار درون‌شهری", "تقاطع‌های غیرهمسطح", "کمربندی جنوبی", "حریم رودخانه فصلی",
        "پسماند ساختمانی", "فضاهای بازی کودکان", "نمای شهری و منظر خیابان",
    ];

    /// <summary>Optional qualifiers.</summary>
    private static readonly string[] Qualifiers =
    [
        "با مشارکت بخش خصوصی", "برای سالمندان", "در ساعات اوج", "با اولویت محلات کم‌برخوردار", "مطابق طرح تفصیلی", "در حاشیه شهر",
        "با تأمین مالی از اوراق مشارکت", "در محدوده مرکزی", "برای زائران نوروزی", "با رویکرد هوشمند", "در فصل بارندگی", "با همکاری سازمان‌های مردم‌نهاد",
    ];

    /// <summary>Named neighbourhoods (a title may name one instead of a district number).</summary>
    private static readonly string[] Neighbourhoods =
    [
        "کوی طلاب", "سیدی", "قاسم‌آباد", "الهیه", "سجاد", "طبرسی", "رضاشهر", "پنج‌تن", "التیمور", "خواجه ربیع", "شهرک شهید رجایی", "وکیل‌آباد",
        "بلوار توس", "میدان شهدا", "عامل", "گلشهر", "نوده", "مهرآباد", "آبکوه", "فرامرز عباسی",
    ];

    /// <summary>Words an official may write instead (a near duplicate in words, not only in letters).</summary>
    private static readonly (string From, string To)[] Synonyms =
    [
        ("توسعه", "گسترش"), ("بهسازی", "نوسازی"), ("کمبود", "نبود"), ("ساماندهی", "سامان‌دهی"), ("احداث", "ساخت"), ("ارتقای", "بهبود"),
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
        Console.WriteLine($"Duplicates: {items:N0} plan items in one cycle (every 50th a ي/ی-ZWNJ-digits variant of another, every 50th a rewording); seeded in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s (ANALYZE included).");

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
            foreach (var (label, filter) in new[] { ("the first page", new DuplicateSuggestions.Filter()), ("the first page of theme urban-economy", new DuplicateSuggestions.Filter(Theme: "urban-economy")) })
            {
                Console.WriteLine($"   EXPLAIN (ANALYZE, BUFFERS), {label}:");
                var sql = service.Pairs(cycleId, filter, 0, 21).ToQueryString();
                Console.WriteLine(string.Join('\n', (await InboxRun.ExplainAsync(database, sql)).Split('\n').Select(line => "      " + line)));
            }
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
                var title = i % 50 == 49 && titles.Count > 0 ? Variant(titles[random.Next(titles.Count)])
                    : i % 50 == 24 && titles.Count > 0 ? Reworded(titles[random.Next(titles.Count)], random)
                    : Title(i % 4, random);
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

    /// <summary>A title as a working group writes one: opener of the kind, subject, sometimes a qualifier, a district or a neighbourhood.</summary>
    private static string Title(int kind, Random random)
    {
        var opener = Openers[kind][random.Next(Openers[kind].Length)];
        var qualifier = random.Next(3) == 0 ? " " + Qualifiers[random.Next(Qualifiers.Length)] : string.Empty;
        var place = random.Next(4) switch
        {
            0 => string.Empty,
            1 => $" در محله {Neighbourhoods[random.Next(Neighbourhoods.Length)]}",
            _ => $" در منطقه {random.Next(1, 14)}",
        };
        return $"{opener} {Subjects[random.Next(Subjects.Length)]}{qualifier}{place}";
    }

    /// <summary>The same item in other words: a synonym for its opener, or its qualifier or place left out.</summary>
    private static string Reworded(string title, Random random)
    {
        var synonym = Synonyms.FirstOrDefault(s => title.StartsWith(s.From + " ", StringComparison.Ordinal));
        if (synonym.From is not null && random.Next(2) == 0)
        {
            return synonym.To + title[synonym.From.Length..];
        }

        var cut = title.LastIndexOf(" در ", StringComparison.Ordinal);
        return cut > 0 ? title[..cut] : title + " در سطح شهر";
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
