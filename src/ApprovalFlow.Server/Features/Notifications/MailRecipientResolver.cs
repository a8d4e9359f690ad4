using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.ServiceTasks;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Reads a recipient list of a send task (<c>to</c>, <c>cc</c>): comma-separated entries, each a literal or a
/// <c>${...}</c> expression giving a string (comma-separated again), an array of strings, or an array of objects
/// with an <c>email</c>. Every name is <c>group:&lt;id&gt;</c> (each member of the directory group), the user name,
/// user id or e-mail of a directory user, or the e-mail address of someone outside the directory. Scoped; not thread-safe.
/// </summary>
public sealed class MailRecipientResolver(ApprovalFlowDbContext db, ServiceTaskExpressions expressions)
{
    /// <summary>The prefix of a group entry.</summary>
    public const string GroupPrefix = "group:";

    /// <summary>Resolves <paramref name="list"/> against <paramref name="variables"/> and the directory.</summary>
    /// <param name="list">The property's text.</param>
    /// <param name="variables">The variables visible to the task.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    /// <returns>The recipients; a user named twice (also through a group, or by e-mail) is there once.</returns>
    /// <exception cref="SendTaskMailException">An expression failed or gave something else than names, or a name is no group, user or address.</exception>
    public async Task<MailRecipients> ResolveAsync(string list, IReadOnlyDictionary<string, JsonElement> variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = new List<string>();
        foreach (var entry in Entries(list))
        {
            names.AddRange(entry.Contains("${", StringComparison.Ordinal) ? Names(entry, Evaluate(entry, variables)) : [entry]);
        }

        var users = new List<string>();
        var addresses = new List<string>();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (name.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase))
            {
                users.AddRange(await MembersAsync(name[GroupPrefix.Length..].Trim(), cancellationToken));
            }
            else if (name.Contains('@', StringComparison.Ordinal))
            {
                var normalized = name.ToUpperInvariant();
                var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
                if (user is not null)
                {
                    users.Add(user);
                }
                else if (MailboxAddress.TryParse(name, out var mailbox) && mailbox.Address == name && name.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < name.Length - 1)
                {
                    addresses.Add(name);
                }
                else
                {
                    throw new SendTaskMailException($"'{name}' is not an e-mail address.");
                }
            }
            else
            {
                var normalized = name.ToUpperInvariant();
                users.Add(await db.Users.AsNoTracking().Where(u => u.Id == name || u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new SendTaskMailException($"'{name}' is no user name or user id of the directory (write group:<id> for a group, or an e-mail address)."));
            }
        }

        return new([.. users.Distinct(StringComparer.Ordinal)], [.. addresses.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    private JsonElement Evaluate(string entry, IReadOnlyDictionary<string, JsonElement> variables)
    {
        try
        {
            return expressions.Evaluate(entry, variables);
        }
        catch (Engine.Expressions.ExpressionException e)
        {
            throw new SendTaskMailException($"The recipient list entry '{entry}' failed: {e.Message}", e);
        }
    }

    private async Task<List<string>> MembersAsync(string group, CancellationToken cancellationToken)
    {
        if (!await db.Groups.AsNoTracking().AnyAsync(g => g.Id == group, cancellationToken))
        {
            throw new SendTaskMailException($"'{GroupPrefix}{group}' names no group of the directory.");
        }

        return await db.Memberships.AsNoTracking().Where(m => m.GroupId == group).Select(m => m.UserId).OrderBy(u => u).ToListAsync(cancellationToken);
    }

    /// <summary>The names an expression gave.</summary>
    private static IEnumerable<string> Names(string entry, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        JsonValueKind.String => Split(value.GetString()!),
        JsonValueKind.Array => value.EnumerateArray().SelectMany(item => item.ValueKind switch
        {
            JsonValueKind.String => Split(item.GetString()!),
            JsonValueKind.Object when item.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String => Split(email.GetString()!),
            _ => throw new SendTaskMailException($"'{entry}' gave {item.GetRawText()} in its list: give names, addresses or objects with an email."),
        }),
        _ => throw new SendTaskMailException($"'{entry}' gave {value.ValueKind}: give a text, a list of names or addresses, or a list of objects with an email."),
    };

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The comma-separated entries of <paramref name="list"/>; a comma inside <c>${...}</c> does not separate.</summary>
    private static List<string> Entries(string list)
    {
        var entries = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '{' when depth > 0 || (i > 0 && list[i - 1] == '$'):
                    depth++;
                    break;
                case '}' when depth > 0:
                    depth--;
                    break;
                case ',' when depth == 0:
                    entries.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }

        entries.Add(list[start..]);
        return [.. entries.Select(e => e.Trim()).Where(e => e.Length > 0)];
    }
}
