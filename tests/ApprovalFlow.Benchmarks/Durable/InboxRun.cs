using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The inbox query (<c>scope=mine</c>, status open, first page of 50) on a table grown to the asked
/// number of task rows: synthetic instances of 10 tasks each, spread over about 2,000 assignees, 10 %
/// open (a fifth of those unassigned, offered to a group), 5 % cancelled, the rest completed; one
/// "typical" user with a 1/2001 share and one "heavy" user with 2 % of all rows. Each row has the inbox's
/// filter columns (process, stage, one of the six themes, one of the three levels, a working group of 40 per
/// theme) and a normalised search key, and is due 0 to 29 days after it was created. Each instance has a minimal
/// readable state (id, definition key and version), so the task page can show its tasks.
/// </summary>
internal static partial class InboxRun
{
    private const int PageSize = 50;

    /// <summary>Adds rows until user_tasks holds <paramref name="rows"/>, then VACUUM (ANALYZE) as autovacuum would; returns the rows added and how long it took.</summary>
    public static async Task<(long Added, TimeSpan Took)> SeedAsync(BenchmarkDatabase database, Guid definitionId, int rows, string typicalUser, string heavyUser)
    {
        var start = Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var existing = await ScalarAsync<long>(connection, "SELECT count(*) FROM approvalflow.user_tasks");
        var add = Math.Max(0, rows - existing);
        var instances = (add + 9) / 10;
        await using (var seed = new NpgsqlCommand(
            """
            SET maintenance_work_mem = '256MB';
            INSERT INTO approvalflow.process_instances (id, definition_id, definition_key, definition_version, status, state, root_instance_id, started_at, version)
            SELECT md5('bench-instance-' || n)::uuid, @definition, 'inbox-filler', 1, 'Active',
                   jsonb_build_object('instanceId', md5('bench-instance-' || n)::uuid, 'definitionKey', 'inbox-filler', 'definitionVersion', 1), md5('bench-instance-' || n)::uuid,
                   now() - interval '1 minute' * n, 1
            FROM generate_series(0, @instances - 1) AS n;
            INSERT INTO approvalflow.user_tasks (id, instance_id, root_instance_id, engine_task_id, node_id, name, assignee, candidate_groups, candidate_users,
                                                 priority, created_at, status, ended_at, completed_by,
                                                 definition_key, stage_id, stage_name, theme, level, working_group, search_key, due_at, reminder_job_ids, cycle_title)
            SELECT gen_random_uuid(), inst, inst, 't' || (g % 10), 'task' || (g % 10 + 1), 'Task ' || (g % 10 + 1),
                   CASE WHEN status = 'Open' AND s < 0.02 THEN NULL ELSE who END,
                   CASE WHEN status = 'Open' AND s < 0.02 THEN ARRAY['group-' || (g % 50)] ELSE '{}'::text[] END, '{}'::text[],
                   CASE WHEN p < 0.10 THEN 80 WHEN p < 0.15 THEN 20 ELSE 50 END, created, status,
                   CASE WHEN status = 'Open' THEN NULL ELSE created + interval '2 days' END,
                   CASE WHEN status = 'Completed' THEN who END,
                   'inbox-filler', 'task' || (g % 10 + 1), 'Task ' || (g % 10 + 1), (ARRAY['urban-identity', 'urban-fabric', 'urban-diplomacy', 'urban-economy', 'urban-environment', 'urban-management'])[g % 6 + 1],
                   (ARRAY['headquarters', 'organization', 'region'])[g % 3 + 1], 'کارگروه ' || (ARRAY['هویت', 'کالبد', 'دیپلماسی', 'اقتصاد', 'محیط زیست', 'مدیریت'])[g % 6 + 1] || ' ' || (g % 40),
                   'task ' || (g % 10 + 1) || ' برنامه میان مدت 1404 کارگروه ' || (ARRAY['هویت', 'کالبد', 'دیپلماسی', 'اقتصاد', 'محیط زیست', 'مدیریت'])[g % 6 + 1] || ' ' || (g % 40)
                       || ' ' || (ARRAY['هویت شهری', 'کالبد شهری', 'دیپلماسی شهری', 'اقتصاد شهری', 'محیط زیست شهری', 'مدیریت شهری'])[g % 6 + 1] || ' inbox-filler',
                   created + interval '1 day' * (g % 30), '{}'::text[], 'برنامه میان‌مدت ۱۴۰۴'
            FROM (
                SELECT g, md5('bench-instance-' || (g / 10))::uuid AS inst,
                       CASE WHEN g % 50 = 0 THEN @heavy WHEN g % 2001 = 7 THEN @typical ELSE 'bench-user-' || (g % 2001) END AS who,
                       s, CASE WHEN s < 0.10 THEN 'Open' WHEN s < 0.15 THEN 'Cancelled' ELSE 'Completed' END AS status,
                       random() AS p, now() - interval '1 second' * (random() * 365 * 86400) AS created
                FROM (SELECT g, random() AS s FROM generate_series(0, @rows - 1) AS g) AS numbered
            ) AS t;
            """, connection) { CommandTimeout = 3600 })
        {
            seed.Parameters.AddWithValue("definition", definitionId);
            seed.Parameters.AddWithValue("instances", (int)instances);
            seed.Parameters.AddWithValue("rows", (int)add);
            seed.Parameters.AddWithValue("heavy", heavyUser);
            seed.Parameters.AddWithValue("typical", typicalUser);
            await seed.ExecuteNonQueryAsync();
        }

        // As autovacuum does after many inserts (autovacuum_vacuum_insert_threshold): besides statistics, this merges the GIN
        // indexes' pending lists (fastupdate), which every query of candidate users or groups would otherwise read through.
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) approvalflow.user_tasks", connection) { CommandTimeout = 3600 })
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE approvalflow.process_instances", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return (add, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>The two queries the API runs for <c>GET /api/tasks?scope=mine</c> (status open, page 1), as EF Core generates them.</summary>
    public static (string Count, string Page) GeneratedSql(IServiceProvider services, string me)
    {
        using var scope = services.CreateScope();
        var query = Query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>(), me);
        var (page, pageSize) = (1, PageSize);
        var count = query.Select(t => t.Id).ToQueryString(); // CountAsync cannot be shown; the same WHERE with count(*) is below.
        var items = query.OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize).ToQueryString();
        return (CountSql(count), items);
    }

    /// <summary>Times the API's two queries through EF Core as the endpoint runs them (count, then page), on a fresh scope each time.</summary>
    public static async Task<double[]> TimeEfAsync(IServiceProvider services, string me, int runs)
    {
        var latencies = new Latencies();
        for (var i = -runs / 10; i < runs; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var query = Query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>(), me);
            var (page, pageSize) = (1, PageSize);
            var run = async () =>
            {
                var total = await query.CountAsync();
                var items = await query.OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
                return total + items.Count;
            };
            if (i < 0)
            {
                await run();
            }
            else
            {
                await latencies.TimeAsync(run);
            }
        }

        return Latencies.Merge([latencies]);
    }

    /// <summary>Times one SQL statement (as EF generated it, parameters bound) with Npgsql.</summary>
    public static async Task<double[]> TimeSqlAsync(BenchmarkDatabase database, string sql, int runs)
    {
        var latencies = new Latencies();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        for (var i = -runs / 10; i < runs; i++)
        {
            await using var command = Command(connection, sql);
            if (i < 0)
            {
                await command.ExecuteNonQueryAsync();
            }
            else
            {
                await latencies.TimeAsync(() => command.ExecuteNonQueryAsync());
            }
        }

        return Latencies.Merge([latencies]);
    }

    /// <summary>Times <c>GET /api/tasks?scope=mine</c> (first page) for a signed-in client.</summary>
    public static async Task<double[]> TimeHttpAsync(HttpClient client, int runs)
    {
        var latencies = new Latencies();
        for (var i = -runs / 10; i < runs; i++)
        {
            var get = async () =>
            {
                using var response = await client.GetAsync(new Uri("/api/tasks?scope=mine", UriKind.Relative));
                response.EnsureSuccessStatusCode();
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

    /// <summary><c>EXPLAIN (ANALYZE, BUFFERS)</c> of the statement, parameters bound.</summary>
    public static async Task<string> ExplainAsync(BenchmarkDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, "EXPLAIN (ANALYZE, BUFFERS) ");
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    private static IQueryable<UserTaskRecord> Query(ApprovalFlowDbContext db, string me) =>
        db.Tasks.AsNoTracking().Where(t => t.Assignee == me).Where(t => t.Status == UserTaskStatus.Open);

    /// <summary>Turns <c>SELECT u.id FROM ... WHERE ...</c> into the <c>SELECT count(*)::int</c> EF Core sends for CountAsync.</summary>
    private static string CountSql(string idQuery)
    {
        var from = idQuery.IndexOf("FROM ", StringComparison.Ordinal);
        var select = idQuery.IndexOf("SELECT ", StringComparison.Ordinal);
        return idQuery[..select] + "SELECT count(*)::int" + Environment.NewLine + idQuery[from..];
    }

    /// <summary>A command for SQL from <c>ToQueryString</c>: the <c>-- @name='value'</c> lines (<c>-- name='value'</c> for raw SQL) become parameters (integers, UUIDs, else text).</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string prefix = "")
    {
        var command = new NpgsqlCommand(prefix + Body(sql), connection);
        foreach (Match parameter in ParameterLine().Matches(sql))
        {
            var value = parameter.Groups["value"].Value;
            command.Parameters.AddWithValue(parameter.Groups["name"].Value,
                int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
                : Guid.TryParse(value, out var id) ? id
                : value);
        }

        return command;
    }

    private static string Body(string sql) =>
        string.Join('\n', sql.Split('\n').Where(line => !ParameterLine().IsMatch(line)));

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"^-- @?(?<name>\w+)='(?<value>[^']*)'", RegexOptions.Multiline)]
    private static partial Regex ParameterLine();
}
