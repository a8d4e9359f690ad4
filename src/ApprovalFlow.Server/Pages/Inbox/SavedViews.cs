using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>
/// One user's saved inbox views (<see cref="InboxViewRecord"/>): list, save, rename, delete. Every
/// operation is limited to <paramref name="userId"/>'s own views: another user's view id is "not found".
/// Outcomes are resource keys of <see cref="InboxTexts"/> (<c>{0}</c> is the view's name). Not thread-safe.
/// </summary>
internal sealed class SavedViews(ApprovalFlowDbContext db, string userId, TimeProvider time)
{
    /// <summary>The user's views, ordered by name.</summary>
    public async Task<IReadOnlyList<InboxViewRecord>> ListAsync(CancellationToken cancellationToken) =>
        (await db.InboxViews.AsNoTracking().Where(v => v.UserId == userId).ToListAsync(cancellationToken))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>Saves <paramref name="query"/> as <paramref name="name"/>, replacing the user's view of that name.</summary>
    public async Task<(bool Ok, string Message)> SaveAsync(string? name, string query, CancellationToken cancellationToken)
    {
        if (Invalid(name) is { } problem)
        {
            return (false, problem);
        }

        if (query.Length > InboxViewRecord.MaxQueryLength)
        {
            return (false, "ViewTooLong");
        }

        name = name!.Trim();
        var existing = await db.InboxViews.SingleOrDefaultAsync(v => v.UserId == userId && v.Name == name, cancellationToken);
        if (existing is null)
        {
            db.InboxViews.Add(new InboxViewRecord { Id = Guid.CreateVersion7(time.GetUtcNow()), UserId = userId, Name = name, Query = query, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            existing.Query = query;
        }

        return await SaveChangesAsync("ViewSaved", cancellationToken);
    }

    /// <summary>Renames the user's view <paramref name="id"/> to <paramref name="name"/>.</summary>
    public async Task<(bool Ok, string Message)> RenameAsync(Guid id, string? name, CancellationToken cancellationToken)
    {
        if (Invalid(name) is { } problem)
        {
            return (false, problem);
        }

        var view = await db.InboxViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
        if (view is null)
        {
            return (false, "ViewGone");
        }

        name = name!.Trim();
        if (view.Name != name && await db.InboxViews.AnyAsync(v => v.UserId == userId && v.Name == name, cancellationToken))
        {
            return (false, "ViewNameTaken");
        }

        view.Name = name;
        return await SaveChangesAsync("ViewRenamed", cancellationToken);
    }

    /// <summary>Deletes the user's view <paramref name="id"/>.</summary>
    public async Task<(bool Ok, string Message)> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await db.InboxViews.Where(v => v.Id == id && v.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0 ? (false, "ViewGone") : (true, "ViewDeleted");

    private static string? Invalid(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "ViewNameMissing" : name.Trim().Length > InboxViewRecord.MaxNameLength ? "ViewNameTooLong" : null;

    /// <summary>Saves; a concurrent save of the same name (unique index) is reported as a taken name.</summary>
    private async Task<(bool Ok, string Message)> SaveChangesAsync(string success, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (true, success);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return (false, "ViewNameTaken");
        }
    }
}
