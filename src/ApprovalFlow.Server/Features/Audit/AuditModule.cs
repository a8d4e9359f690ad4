using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Audit;

/// <summary>The audit log of admin actions: <see cref="AuditTrail"/> writes it, <see cref="AuditLog"/> reads it.</summary>
public static class AuditModule
{
    /// <summary>Adds <see cref="AuditTrail"/> (singleton) and <see cref="AuditLog"/> (scoped).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowAudit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<AuditTrail>();
        builder.Services.TryAddScoped<AuditLog>();
        return builder;
    }
}
