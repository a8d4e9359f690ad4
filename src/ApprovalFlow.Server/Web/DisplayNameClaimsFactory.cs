using System.Security.Claims;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Web;

/// <summary>Identity's principal (id, e-mail, roles, user claims) plus the user's display name in <see cref="ClaimType"/>, shown in the page header.</summary>
internal sealed class DisplayNameClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    /// <summary>The claim holding <see cref="ApplicationUser.DisplayName"/>.</summary>
    public const string ClaimType = "approvalflow:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimType, user.DisplayName));
        return identity;
    }
}
