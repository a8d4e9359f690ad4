using Npgsql;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// What the database shows after a drill's load on the instances of one definition, read with plain SQL; <see cref="Lost"/> when
/// anything is wrong. Mails of other instances (a demo cycle's) are not counted; a mail is unknown when no sent notification of
/// the database has its Message-ID. A mail received again under the same Message-ID is not a loss: a node killed between the SMTP
/// send and the commit sends it again with that Message-ID, which mail clients fold (delivery is at least once); it is printed.
/// </summary>
internal sealed record DrillChecks(
    long Instances, long InstancesNotCompleted, long Tasks, long TasksNotCompleted, long TasksCompletedTwice, long TimersFired, long TimersFiredTwice,
    long Notifications, long NotificationsSent, long NotificationsFolded, long NotificationsNotSent, long TasksMailedTwice, long MailsReceived, long MailsReceivedTwice, long MailsUnknown)
{
    public bool Lost => InstancesNotCompleted > 0 || TasksNotCompleted > 0 || TasksCompletedTwice > 0 || TimersFiredTwice > 0
        || NotificationsNotSent > 0 || TasksMailedTwice > 0 || MailsUnknown > 0 || MailsReceived < NotificationsSent;

    public static async Task<DrillChecks> ReadAsync(string connectionString, string definitionKey, IReadOnlyDictionary<string, int> mails)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = definitionKey } } };
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        const string Mine = "instance_id IN (SELECT id FROM approvalflow.process_instances WHERE definition_key = $1)";
        var messageIds = new List<string>();
        await using (var command = new NpgsqlCommand($"SELECT message_id FROM approvalflow.notifications WHERE {Mine} AND status = 'Sent' AND folded_into IS NULL", db) { Parameters = { new() { Value = definitionKey } } })
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                messageIds.Add(reader.GetString(0));
            }
        }

        var sent = messageIds.ToHashSet(StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT message_id FROM approvalflow.notifications WHERE status = 'Sent' AND folded_into IS NULL", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                known.Add(reader.GetString(0));
            }
        }

        return new DrillChecks(
            await CountAsync("SELECT count(*) FROM approvalflow.process_instances WHERE definition_key = $1"),
            await CountAsync("SELECT count(*) FROM approvalflow.process_instances WHERE definition_key = $1 AND status <> 'Completed'"),
            await CountAsync($"SELECT count(*) FROM approvalflow.user_tasks WHERE {Mine}"),
            await CountAsync($"SELECT count(*) FROM approvalflow.user_tasks WHERE {Mine} AND status <> 'Completed'"),
            await CountAsync($"SELECT count(*) FROM (SELECT task_id FROM approvalflow.history_events WHERE {Mine} AND type = 'TaskCompleted' GROUP BY task_id HAVING count(*) > 1) d"),
            await CountAsync($"SELECT count(*) FROM approvalflow.history_events WHERE {Mine} AND type = 'TimerFired'"),
            await CountAsync($"SELECT count(*) FROM (SELECT instance_id, node_id FROM approvalflow.history_events WHERE {Mine} AND type = 'TimerFired' GROUP BY instance_id, node_id HAVING count(*) > 1) d"),
            await CountAsync($"SELECT count(*) FROM approvalflow.notifications WHERE {Mine}"),
            sent.Count,
            await CountAsync($"SELECT count(*) FROM approvalflow.notifications WHERE {Mine} AND status = 'Sent' AND folded_into IS NOT NULL"),
            await CountAsync($"SELECT count(*) FROM approvalflow.notifications WHERE {Mine} AND status NOT IN ('Sent', 'Skipped')"),
            await CountAsync($"SELECT count(*) FROM (SELECT task_id FROM approvalflow.notifications WHERE {Mine} AND task_id IS NOT NULL GROUP BY task_id, kind HAVING count(*) > 1) d"),
            mails.Where(m => sent.Contains(m.Key)).Sum(m => (long)m.Value),
            mails.Count(m => sent.Contains(m.Key) && m.Value > 1),
            mails.Count(m => !known.Contains(m.Key)));
    }

    public void Print()
    {
        Console.WriteLine($"  instances {Instances}, not completed {InstancesNotCompleted}");
        Console.WriteLine($"  tasks {Tasks}, not completed {TasksNotCompleted}, completed twice (history) {TasksCompletedTwice}");
        Console.WriteLine($"  timers fired {TimersFired}, fired twice {TimersFiredTwice}");
        Console.WriteLine($"  notifications {Notifications}: sent as {NotificationsSent} mails, {NotificationsFolded} of them folded into another mail to the same person, "
            + $"skipped {Notifications - NotificationsSent - NotificationsFolded - NotificationsNotSent}, not sent {NotificationsNotSent}; a task with two notifications {TasksMailedTwice}");
        Console.WriteLine($"  mails of these instances received by the SMTP server {MailsReceived} (of {NotificationsSent} sent), received again under the same Message-ID (folded by mail clients) {MailsReceivedTwice}; mails of no notification {MailsUnknown}");
        Console.WriteLine(Lost ? "  RESULT: something was lost or doubled" : "  RESULT: nothing lost, nothing doubled");
    }
}
