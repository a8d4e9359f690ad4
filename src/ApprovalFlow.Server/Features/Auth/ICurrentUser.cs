namespace ApprovalFlow.Server.Features.Auth;

/// <summary>The signed-in user of the current request. Scoped.</summary>
public interface ICurrentUser
{
    /// <summary>The user id (Identity user id).</summary>
    /// <exception cref="InvalidOperationException">Nobody is signed in.</exception>
    string Id { get; }

    /// <summary>Whether the user has <paramref name="role"/> (see <see cref="Roles"/>).</summary>
    bool IsInRole(string role);

    /// <summary><see langword="true"/> for admins and process owners, who may see every instance and task.</summary>
    bool SeesEverything => IsInRole(Roles.Admin) || IsInRole(Roles.ProcessOwner);

    /// <summary>Ids of the directory groups the user belongs to (read once per request).</summary>
    Task<IReadOnlyList<string>> GetGroupIdsAsync(CancellationToken cancellationToken);
}
