using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>The instance migration API for process owners and admins (<c>docs/migration.md</c>).</summary>
public static class MigrationsApi
{
    /// <summary>Maps <c>/api/migrations</c>.</summary>
    public static IEndpointRouteBuilder MapMigrationsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/migrations").WithTags("Migrations").RequireAuthorization(Policies.ProcessOwner).WithProblemResponses();
        api.MapPost("/", CreateAsync).WithName("MigrateInstances")
            .WithSummary("Migrates running instances to another version of their definition: dryRun=true answers 200 with what would happen per instance; otherwise 202 and a Hangfire batch job.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetMigration").WithSummary("A migration's progress: done, failed (with reasons) and pending instances.");
        return endpoints;
    }

    internal static async Task<Results<Ok<MigrationPreviewResponse>, Accepted<MigrationResponse>, ProblemHttpResult>> CreateAsync(
        MigrationRequest request, MigrationPlanner planner, ICurrentUser user, CancellationToken cancellationToken)
    {
        MigrationPlan plan;
        try
        {
            plan = await planner.PlanAsync(request, cancellationToken);
        }
        catch (MigrationRequestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid migration",
                extensions: new Dictionary<string, object?> { ["code"] = e.Code, ["field"] = e.Field });
        }

        if (request.DryRun)
        {
            return TypedResults.Ok(await planner.PreviewAsync(plan, user.Id, cancellationToken));
        }

        var record = await planner.StartAsync(plan, user.Id, cancellationToken);
        return TypedResults.Accepted($"/api/migrations/{record.Id}", (await planner.GetAsync(record.Id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<MigrationResponse>, ProblemHttpResult>> GetAsync(Guid id, MigrationPlanner planner, CancellationToken cancellationToken) =>
        await planner.GetAsync(id, cancellationToken) is { } migration
            ? TypedResults.Ok(migration)
            : TypedResults.Problem($"Migration '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Migration not found");
}
