using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth.Protection;
using ApprovalFlow.Server.Features.Auth.Tokens;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth;

/// <summary>Sign-in: ASP.NET Core Identity with bearer tokens, roles and authorization policies.</summary>
public static class AuthModule
{
    /// <summary>
    /// Adds Identity (bearer tokens; no lockout on wrong passwords: <see cref="PasswordSignIn"/> throttles instead), the
    /// policies in <see cref="Policies"/>, <see cref="ICurrentUser"/>, <see cref="SignInProtectionOptions"/> (section
    /// <c>SignInProtection</c>, validated at start), the rate limiter policy <see cref="SignInRateLimitPolicy.Name"/>,
    /// rotating refresh tokens and the hourly <see cref="SignInCleanupJob"/>.
    /// </summary>
    public static WebApplicationBuilder AddApprovalFlowAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddAuthentication(IdentityConstants.BearerScheme).AddBearerToken(IdentityConstants.BearerScheme);
        services
            .AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApprovalFlowDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.ProcessOwner, policy => policy.RequireRole(Roles.Admin, Roles.ProcessOwner))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        services.AddOptions<SignInProtectionOptions>().BindConfiguration(SignInProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInProtectionOptions>, SignInProtectionOptionsValidator>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SignInProtectionOptions>>(
            (validator, protection) => validator.ValidationInterval = protection.Value.SessionRevalidationInterval);
        services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimitPolicy.Name));
        services.AddSingleton<AccountRateLimiter>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<RefreshTokens>();
        services.AddScoped<BearerTokens>();
        services.AddScoped<SignOutEverywhere>();
        services.AddTransient<SignInCleanupJob>();
        services.AddHostedService<CleanupSchedule>();
        return builder;
    }

    /// <summary>
    /// Maps <c>POST /api/auth/login</c> and <c>POST /api/auth/refresh</c> (anonymous, rate-limited by
    /// <see cref="SignInRateLimitPolicy"/>), <c>POST /api/auth/logout-everywhere</c> and <c>GET /api/me</c> (signed in).
    /// </summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous().WithProblemResponses(StatusCodes.Status429TooManyRequests).RequireRateLimiting(SignInRateLimitPolicy.Name);
        auth.MapPost("/login", AuthApi.LoginAsync).WithName("Login").WithSummary("Signs in with e-mail and password; returns a bearer token and a refresh token.");
        auth.MapPost("/refresh", AuthApi.RefreshAsync).WithName("Refresh").WithSummary("Exchanges a refresh token for new tokens; the refresh token given stops working.");
        endpoints.MapPost("/api/auth/logout-everywhere", AuthApi.LogoutEverywhereAsync).WithTags("Auth").WithName("LogoutEverywhere").WithProblemResponses()
            .WithSummary("Revokes every refresh token of the signed-in user and ends the user's web sessions.")
            .RequireAuthorization(Policies.SignedIn);
        endpoints.MapGet("/api/me", AuthApi.MeAsync).WithTags("Auth").WithName("Me").WithSummary("The signed-in user with roles and groups.")
            .RequireAuthorization(Policies.SignedIn);
        return endpoints;
    }

    /// <summary>Registers the hourly <see cref="SignInCleanupJob"/>.</summary>
    private sealed class CleanupSchedule(IRecurringJobManager jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<SignInCleanupJob>(SignInCleanupJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
