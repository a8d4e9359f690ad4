using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace ApprovalFlow.Server.Features.Auth;

/// <summary>Sign-in: ASP.NET Core Identity with bearer tokens, roles and authorization policies.</summary>
public static class AuthModule
{
    /// <summary>Adds Identity (bearer tokens, lockout on), the policies in <see cref="Policies"/> and <see cref="ICurrentUser"/>.</summary>
    public static WebApplicationBuilder AddApprovalFlowAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(IdentityConstants.BearerScheme).AddBearerToken(IdentityConstants.BearerScheme);
        builder.Services
            .AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApprovalFlowDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.ProcessOwner, policy => policy.RequireRole(Roles.Admin, Roles.ProcessOwner))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
        return builder;
    }

    /// <summary>Maps <c>POST /api/auth/login</c>, <c>POST /api/auth/refresh</c> and <c>GET /api/me</c>.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous().WithProblemResponses();
        auth.MapPost("/login", AuthApi.LoginAsync).WithName("Login").WithSummary("Signs in with e-mail and password; returns a bearer token.");
        auth.MapPost("/refresh", AuthApi.RefreshAsync).WithName("Refresh").WithSummary("Exchanges a refresh token for a new bearer token.");
        endpoints.MapGet("/api/me", AuthApi.MeAsync).WithTags("Auth").WithName("Me").WithSummary("The signed-in user with roles and groups.")
            .RequireAuthorization(Policies.SignedIn);
        return endpoints;
    }
}
