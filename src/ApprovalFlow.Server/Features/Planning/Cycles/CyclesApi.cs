using System.Text.Json;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Cycles;

/// <summary>
/// The plan cycles API (<c>/api/cycles</c>): list, create (optionally starting the root <c>mid-term-plan</c>
/// instance) and read. Every signed-in user reads; the planning office, process owners and admins create
/// (<see cref="PlanningAccess.CanCreateCycleAsync"/>). Errors are RFC 9457 problem details.
/// </summary>
public static class CyclesApi
{
    /// <summary>Maps <c>GET /api/cycles</c>, <c>POST /api/cycles</c> and <c>GET /api/cycles/{businessKey}</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/cycles").WithTags("Plan cycles").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status409Conflict);
        api.MapGet("", ListAsync).WithName("ListCycles").WithSummary("Every plan cycle, newest first: business key, title, years, status, root instance and themes.");
        api.MapPost("", CreateAsync).WithName("CreateCycle")
            .WithSummary("Creates a plan cycle (title, firstYear, lastYear = firstYear + 3, themes by default the glossary's six, businessKey by default mtp-<first>-<last>); start: true starts its root mid-term-plan instance. Planning office, process owners and admins.");
        api.MapGet("/{businessKey}", GetAsync).WithName("GetCycle").WithSummary("One plan cycle by business key (made from its root instance when only the instance exists).");
        return endpoints;
    }

    internal static async Task<Ok<List<CycleResponse>>> ListAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var cycles = await db.PlanCycles.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenBy(c => c.BusinessKey).ToListAsync(cancellationToken);
        return TypedResults.Ok(cycles.ConvertAll(CycleResponse.From));
    }

    internal static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> GetAsync(string businessKey, PlanCycles cycles, CancellationToken cancellationToken) =>
        await cycles.FindAsync(businessKey, cancellationToken) is { } cycle ? TypedResults.Ok(CycleResponse.From(cycle)) : NotFound(businessKey);

    internal static async Task<Results<Created<CycleResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateCycleRequest request, ApprovalFlowDbContext db, PlanningAccess access, DefinitionCatalog catalog, InstanceRunner runner, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await access.CanCreateCycleAsync(cancellationToken))
        {
            return TypedResults.Problem("Only the planning office, process owners and admins create plan cycles.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var (errors, key, themes) = CycleRules.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, $"The cycle is not valid: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}", title: "Invalid plan cycle");
        }

        if (await db.PlanCycles.AnyAsync(c => c.BusinessKey == key, cancellationToken)
            || await db.Instances.AnyAsync(i => i.BusinessKey == key && i.ParentInstanceId == null, cancellationToken))
        {
            return KeyTaken(key);
        }

        DeployedDefinition? definition = null;
        if (request.Start && (definition = await catalog.FindAsync(CycleRules.DefinitionKey, null, cancellationToken)) is null)
        {
            return TypedResults.Problem($"start: true needs the definition '{CycleRules.DefinitionKey}', which is not deployed.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Definition not deployed");
        }

        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = key,
            Title = request.Title!.Trim(),
            FirstYear = request.FirstYear!.Value,
            LastYear = request.LastYear!.Value,
            Themes = themes,
            Status = PlanCycleStatus.Preparing,
            CreatedBy = access.UserId,
            CreatedAt = time.GetUtcNow(),
        };
        db.PlanCycles.Add(cycle);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return KeyTaken(key);
        }

        if (definition is not null)
        {
            var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                ["title"] = JsonSerializer.SerializeToElement(cycle.Title),
                ["cycle"] = JsonSerializer.SerializeToElement($"{cycle.FirstYear}-{cycle.LastYear}"),
            };
            try
            {
                cycle.RootInstanceId = (await runner.StartAsync(definition, key, variables, access.UserId, cancellationToken)).Id;
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (e is BusinessKeyInUseException or CalledDefinitionMissingException)
            {
                db.PlanCycles.Remove(cycle);
                await db.SaveChangesAsync(cancellationToken);
                return e is BusinessKeyInUseException
                    ? KeyTaken(key)
                    : TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Called definition not deployed");
            }
        }

        return TypedResults.Created($"/api/cycles/{Uri.EscapeDataString(key)}", CycleResponse.From(cycle));
    }

    /// <summary>The 404 of an unknown cycle.</summary>
    /// <param name="businessKey">The key asked for.</param>
    internal static ProblemHttpResult NotFound(string businessKey) =>
        TypedResults.Problem($"No plan cycle has the business key '{businessKey}'. GET /api/cycles lists them.", statusCode: StatusCodes.Status404NotFound, title: "Plan cycle not found");

    private static ProblemHttpResult KeyTaken(string key) =>
        TypedResults.Problem($"The business key '{key}' is taken by another plan cycle or process instance; give another businessKey.", statusCode: StatusCodes.Status409Conflict, title: "Business key taken");
}
