namespace ApprovalFlow.Server.Api;

/// <summary>
/// Which requests belong to the machine-facing side (REST API, OpenAPI, its reference page, health
/// checks, the Hangfire dashboard): these sign in with bearer tokens and answer errors as RFC 9457
/// problem details. Every other request is a page of the web app (cookies, error pages in the user's language).
/// </summary>
public static class ApiPaths
{
    private static readonly PathString[] Prefixes = ["/api", "/openapi", "/scalar", "/health", "/hangfire", "/metrics"];

    /// <summary>Whether <paramref name="request"/> is for the API side rather than a web page.</summary>
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Array.Exists(Prefixes, prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
