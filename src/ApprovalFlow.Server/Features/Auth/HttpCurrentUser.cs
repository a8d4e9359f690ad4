using System.Security.Claims;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Auth;

/// <summary><see cref="ICurrentUser"/> from the request's principal; groups read once from the database.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor http, ApprovalFlowDbContext db) : ICurrentUser
{
    private IReadOnlyList<string>? _groups;

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? throw new InvalidOperationException("No request is in progress.");

    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Nobody is signed in.");

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public async Task<IReadOnlyList<string>> GetGroupIdsAsync(CancellationToken cancellationToken) =>
        _groups ??= await db.Memberships.Where(m => m.UserId == Id).Select(m => m.GroupId).OrderBy(g => g).ToListAsync(cancellationToken);
}
