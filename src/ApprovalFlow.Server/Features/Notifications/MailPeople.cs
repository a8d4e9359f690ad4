using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// The directory users one unit of work mails or checks, each read once: address, mail language (the
/// notification preference's, else the web app's language claim, else Persian) and delivery per kind, in one
/// query for all users not read yet. An engine step shares one between <see cref="Runtime.TaskAudience"/> (does the
/// assignee exist?) and <see cref="NotificationWriter"/> (where does the mail go?). Given the
/// <see cref="DirectoryStampRecord"/> its transaction read, it takes users from <paramref name="cache"/> and keeps those it
/// reads there. Not thread-safe; one per unit of work.
/// </summary>
/// <param name="db">The unit of work.</param>
/// <param name="cache">The users read by earlier units of work, or <see langword="null"/> to read every user.</param>
/// <param name="stamp">The directory stamp the unit of work's transaction read (before these reads), or <see langword="null"/> when unknown (then <paramref name="cache"/> is not used).</param>
internal sealed class MailPeople(ApprovalFlowDbContext db, MailPeopleCache? cache = null, long? stamp = null)
{
    private readonly Dictionary<string, MailPerson?> _read = new(StringComparer.Ordinal);

    /// <summary>The users of <paramref name="userIds"/> that exist, by id (reading those not read yet in one query).</summary>
    public async Task<Dictionary<string, MailPerson>> GetAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var missing = ids.Where(id => !_read.ContainsKey(id) && !FromCache(id)).ToList();
        if (missing.Count > 0)
        {
            var rows = await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new
            {
                u.Id,
                u.Email,
                Claim = db.UserClaims.Where(c => c.UserId == u.Id && c.ClaimType == UserLanguage.ClaimType).Select(c => c.ClaimValue).FirstOrDefault(),
                Preference = db.NotificationPreferences.FirstOrDefault(p => p.UserId == u.Id),
            }).ToListAsync(cancellationToken);
            foreach (var id in missing)
            {
                _read[id] = null;
            }

            foreach (var row in rows)
            {
                var language = row.Preference?.Language ?? row.Claim;
                _read[row.Id] = new MailPerson(
                    string.IsNullOrWhiteSpace(row.Email) ? null : row.Email,
                    UserLanguage.IsSupported(language) ? language! : UserLanguage.Persian,
                    row.Preference?.Kinds ?? []);
            }

            // Read after the stamp in the same transaction: at least as new as the stamp says.
            if (cache is not null && stamp is { } read)
            {
                cache.Add(read, missing.Select(id => KeyValuePair.Create(id, _read[id])));
            }
        }

        var found = new Dictionary<string, MailPerson>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (_read[id] is { } person)
            {
                found[id] = person;
            }
        }

        return found;
    }

    private bool FromCache(string id)
    {
        if (cache is null || stamp is not { } read || !cache.TryGet(read, id, out var person))
        {
            return false;
        }

        _read[id] = person;
        return true;
    }
}

/// <summary>Where a user's mail goes: address (<see langword="null"/> when none), language, delivery per kind.</summary>
internal sealed record MailPerson(string? Address, string Language, Dictionary<string, NotificationDelivery> Kinds);
