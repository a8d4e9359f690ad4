namespace ApprovalFlow.Server.Hosting;

/// <summary>What a production installation needs from the host: the Production settings guard, forwarded headers from the reverse proxy and the security headers and cookie policy.</summary>
public static class HostingModule
{
    /// <summary>
    /// Adds the <see cref="ProductionGuard"/> (call before <c>AddApprovalFlowData</c>, so it runs before migrations) and
    /// <see cref="ForwardedHeadersSetup"/>'s options (section <c>ForwardedHeaders</c>), then <see cref="SecurityHeaders"/> (after them, so HSTS and Secure cookies see the client's scheme).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<ProductionGuard>();
        ForwardedHeadersSetup.Add(builder);
        SecurityHeaders.Add(builder);
        return builder;
    }
}
