using Microsoft.AspNetCore.Identity;

namespace ApprovalFlow.Server.Data;

/// <summary>A person who signs in (ASP.NET Core Identity user) with a display name.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Name shown to people (Persian for demo users).</summary>
    public required string DisplayName { get; set; }
}
