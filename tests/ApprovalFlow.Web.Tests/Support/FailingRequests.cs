using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>
/// Test-only (registered by <see cref="WebAppFixture"/>, never in the product): behind the service's whole
/// pipeline, a request for <see cref="PagePath"/> or <see cref="ApiPath"/> throws as a bug would, so the tests
/// see the real exception handling of pages and of the API.
/// </summary>
internal sealed class FailingRequests : IStartupFilter
{
    /// <summary>A web page that fails.</summary>
    public const string PagePath = "/test-only/failure";

    /// <summary>An API address that fails.</summary>
    public const string ApiPath = "/api/test-only/failure";

    /// <summary>What the exception says; it must never reach the browser.</summary>
    public const string Secret = "test-only failure: connection string Password=hunter2";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((context, following) => context.Request.Path == PagePath || context.Request.Path == ApiPath
            ? throw new InvalidOperationException(Secret)
            : following(context));
    };
}
