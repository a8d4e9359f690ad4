using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// Sends the <c>COMMIT</c> of a context's open transaction as the last statement of the batch of its next
/// <c>SaveChanges</c> (one round trip instead of two), when the caller asked for it (<see cref="Expect"/>) and that batch
/// holds every statement the save sends. PostgreSQL skips the rest of a batch after a statement fails, the <c>COMMIT</c>
/// included, and leaves the transaction aborted for the caller to roll back; so the caller asks only when no statement
/// can succeed without its intended effect, i.e. every <c>UPDATE</c> hits a row the transaction has locked (EF Core checks
/// the rows affected only after the batch ran). Thread-safe singleton.
/// </summary>
public sealed class CommitInBatchInterceptor : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Expectation> _expected = [];

    /// <summary>
    /// Asks for the <c>COMMIT</c> of <paramref name="context"/>'s open transaction to ride in the next save's batch when it
    /// holds <paramref name="statements"/> statements (one per changed entry); see <see cref="Committed"/> for the outcome.
    /// </summary>
    /// <param name="context">A context with an open transaction.</param>
    /// <param name="statements">The statements the save sends: its added, modified and deleted entries.</param>
    public void Expect(DbContext context, int statements) => _expected.AddOrUpdate(context, new Expectation(statements));

    /// <summary>
    /// Ends what <see cref="Expect"/> asked: <see langword="true"/> when the <c>COMMIT</c> was sent in the batch (a save that
    /// then returned normally committed; the transaction object only needs disposing), <see langword="false"/> when the
    /// caller commits as usual.
    /// </summary>
    /// <param name="context">The context of <see cref="Expect"/>.</param>
    public bool Committed(DbContext context)
    {
        if (!_expected.TryGetValue(context, out var expectation))
        {
            return false;
        }

        _expected.Remove(context);
        return expectation.Appended;
    }

    /// <inheritdoc />
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Append(command, eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Append(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Append(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not { } context || !_expected.TryGetValue(context, out var expectation) || expectation.Seen)
        {
            return;
        }

        // Only the save's first batch may carry the COMMIT, and only when it is the save's only one.
        expectation.Seen = true;
        if (eventData.CommandSource == CommandSource.SaveChanges && command.Transaction is not null && Statements(command.CommandText) == expectation.Statements)
        {
            command.CommandText += "\nCOMMIT;";
            expectation.Appended = true;
        }
    }

    /// <summary>The statements of EF Core's batch text: each ends with <c>;</c> at the end of a line.</summary>
    private static int Statements(string sql)
    {
        var count = 0;
        for (var i = sql.IndexOf(';', StringComparison.Ordinal); i >= 0; i = sql.IndexOf(';', i + 1))
        {
            if (i == sql.Length - 1 || sql[i + 1] is '\n' or '\r')
            {
                count++;
            }
        }

        return count;
    }

    private sealed class Expectation(int statements)
    {
        public int Statements { get; } = statements;

        public bool Seen { get; set; }

        public bool Appended { get; set; }
    }
}
