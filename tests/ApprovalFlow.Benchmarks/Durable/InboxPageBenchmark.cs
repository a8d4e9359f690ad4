using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The inbox PAGE (<c>GET /</c>, signed in with the sign-in page's cookie) at a million task rows: the tabs'
/// counts, the filter choices, the saved views and a page of 20 rows, unfiltered, filtered and searched, for a
/// typical user (1/2001 of the rows, member of one of the 50 offering groups) and a heavy one (2 % of the rows).
/// Prints p50/p95 per variant and the EXPLAIN (ANALYZE, BUFFERS) of the filtered and searched page queries.
/// Not a test: run it by hand (<c>inbox-page [--rows N] [--runs N] [--keep-database]</c>).
/// </summary>
internal static partial class InboxPageBenchmark
{
    /// <summary>The eight inbox URLs each user requests (also the concurrent run's, <see cref="PagesBenchmark"/>).</summary>
    internal static readonly string[] Variants =
    [
        "/?tab=mine",
        "/?tab=group",
        "/?tab=completed",
        "/?tab=mine&theme=urban-identity&level=region&sort=due",
        "/?tab=group&theme=urban-economy&overdue=true",
        "/?tab=mine&q=" + Uri.EscapeDataString("كارگروه هويت 1"),
        "/?tab=group&q=" + Uri.EscapeDataString("محیط زیست"),
        "/?tab=mine&dueWithin=5&sort=due&order=desc",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = 1_000_000;
        var runs = 200;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --rows N --runs N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_inboxpage");
        await using var host = await ServiceHost.StartAsync(database.ConnectionString);
        var definition = await host.DeploySequenceAsync();
        var typical = await host.CreateUserAsync("inbox-typical");
        var heavy = await host.CreateUserAsync("inbox-heavy");
        await JoinGroupsAsync(host, (typical.Id, "group-7"), (heavy.Id, "group-0"));
        var (added, took) = await InboxRun.SeedAsync(database, definition.Id, rows, typical.Id, heavy.Id);
        Console.WriteLine($"Inbox page: {added:N0} task rows added in {took.TotalSeconds:F0} s (VACUUM ANALYZE included); {runs} timed requests per variant after {runs / 10} warm-up ones.");

        var summary = new List<string>();
        foreach (var (label, user) in new[] { ("typical", typical), ("heavy", heavy) })
        {
            using var client = await SignInWithCookieAsync(host, user.Email!);
            foreach (var url in Variants)
            {
                var sorted = await TimePageAsync(client, url, runs);
                var line = $"   {label,-8} {Uri.UnescapeDataString(url),-60} {Latencies.Summary(sorted)}";
                Console.WriteLine(line);
                summary.Add(line);
            }
        }

        foreach (var (label, user) in new[] { ("typical", typical), ("heavy", heavy) })
        {
            foreach (var query in new[]
            {
                new TaskListQuery { Scope = "mine", PageSize = 20, Theme = "urban-identity", Level = "region", Sort = "due" },
                new TaskListQuery { Scope = "mine", PageSize = 20, Search = "كارگروه هويت 1" },
                new TaskListQuery { Scope = "group", PageSize = 20, Search = "محیط زیست" },
                new TaskListQuery { Scope = "completed", Status = "completed", PageSize = 20 },
            })
            {
                Console.WriteLine($"   EXPLAIN (ANALYZE, BUFFERS), {label} user, page of {Describe(query)}:");
                Console.WriteLine(Indent(await InboxRun.ExplainAsync(database, PageSql(host.Services, user.Id, query, user == typical ? ["group-7"] : ["group-0"]))));
            }
        }

        Console.WriteLine("Summary (inbox page, server time over loopback HTTP):");
        summary.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>Signs in through <c>/account/login</c> (antiforgery token from the form) and returns a client carrying the cookie.</summary>
    internal static async Task<HttpClient> SignInWithCookieAsync(ServiceHost host, string email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var form = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = TokenField().Match(form).Groups["token"].Value;
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = ServiceHost.Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    private static async Task<double[]> TimePageAsync(HttpClient client, string url, int runs)
    {
        var latencies = new Latencies();
        for (var i = -runs / 10; i < runs; i++)
        {
            var get = async () =>
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
                }

                return await response.Content.ReadAsByteArrayAsync();
            };
            if (i < 0)
            {
                await get();
            }
            else
            {
                await latencies.TimeAsync(get);
            }
        }

        return Latencies.Merge([latencies]);
    }

    /// <summary>The page query the inbox runs for <paramref name="query"/> (as <c>TasksApi</c> builds it), as EF Core generates it.</summary>
    private static string PageSql(IServiceProvider services, string me, TaskListQuery query, string[] groups)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var tasks = db.Tasks.AsNoTracking();
        tasks = query.Scope switch
        {
            "group" => tasks.Where(t => t.CandidateUsers.Contains(me) || t.CandidateGroups.Any(g => EF.Constant(groups).Contains(g)))
                .Where(t => t.Assignee == null && t.Status == UserTaskStatus.Open), // groups as a constant: the EXPLAIN binds only text parameters
            "completed" => tasks.Where(t => t.CompletedBy == me && t.Status == UserTaskStatus.Completed),
            _ => tasks.Where(t => t.Assignee == me && t.Status == UserTaskStatus.Open),
        };
        tasks = query.Filter(tasks, DateTimeOffset.UtcNow, services.GetRequiredService<WorkingDayCalendar>());
        return query.Ordered(tasks).Take(20).ToQueryString();
    }

    /// <summary>Makes each user a member of its group, creating the groups (one each, however many members).</summary>
    internal static async Task JoinGroupsAsync(ServiceHost host, params (string UserId, string Group)[] memberships)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        foreach (var group in memberships.Select(m => m.Group).Distinct(StringComparer.Ordinal))
        {
            db.Groups.Add(new DirectoryGroup { Id = group, Name = group, Kind = "unit" });
        }

        foreach (var (userId, group) in memberships)
        {
            db.Memberships.Add(new GroupMembership { GroupId = group, UserId = userId });
        }

        await db.SaveChangesAsync();
    }

    private static string Describe(TaskListQuery query) =>
        $"{query.Scope}{(query.Theme is null ? "" : $", theme={query.Theme}")}{(query.Level is null ? "" : $", level={query.Level}")}{(query.Search is null ? "" : $", q={query.Search}")}{(query.Sort is null ? "" : $", sort={query.Sort}")}";

    private static string Indent(string text) => string.Join(Environment.NewLine, text.TrimEnd().Split('\n').Select(l => "      " + l.TrimEnd()));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
