using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Stakeholders;

/// <summary>
/// The stakeholder register API (<c>/api/cycles/{businessKey}/stakeholders</c>): list (filters <c>group</c>, <c>theme</c>),
/// create, read, edit, delete, and invite to a working group's sessions. The cycle's participants read; the planning
/// office edits the whole register, a theme's coordinators the stakeholders of their theme; a working group's members
/// may also invite to their sessions (<see cref="PlanningAccess"/>). Errors are RFC 9457 problem details, bad fields
/// a 400 with <c>errors</c> by JSON field.
/// </summary>
public static class StakeholdersApi
{
    /// <summary>Maps the register's endpoints.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapStakeholdersApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/cycles/{businessKey}/stakeholders").WithTags("Stakeholders").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant().WithProblemResponses(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("", ListAsync).WithName("ListStakeholders").WithSummary("The cycle's stakeholder register by group (glossary order) and name; group=… and theme=… filter. Each with its invitations and the sessions it attended.");
        api.MapPost("", CreateAsync).WithName("CreateStakeholder").WithSummary("Registers a stakeholder: name, stakeholderGroup (one of the six), themes of the cycle, optional kind, organization, email, phone, notes.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetStakeholder").WithSummary("One stakeholder with its invitations and attendance.");
        api.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateStakeholder").WithSummary("Replaces a stakeholder's fields (the same checks as create).");
        api.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteStakeholder").WithSummary("Removes a stakeholder and its invitations; sessions keep their attendee rows without the link.");
        api.MapPost("/{id:guid}/invitations", InviteAsync).WithName("InviteStakeholder")
            .WithSummary("Invites the stakeholder to a working group's sessions (workingGroupId, optional sessionId and message): recorded, and mailed with the invitation template through the notifications outbox.");
        return endpoints;
    }

    internal static async Task<Results<Ok<List<StakeholderResponse>>, ProblemHttpResult>> ListAsync(
        string businessKey, PlanCycles cycles, StakeholderRegister register, CancellationToken cancellationToken, string? group = null, string? theme = null)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        if (group is not null && !PlanningVocabulary.StakeholderGroups.Any(g => g.Id == group))
        {
            return TypedResults.Problem($"group must be one of {string.Join(", ", PlanningVocabulary.StakeholderGroups.Select(g => g.Id))}, not '{group}'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
        }

        if (theme is not null && !cycle.Themes.Exists(t => t.Id == theme))
        {
            return TypedResults.Problem($"theme must be a theme of the cycle ({string.Join(", ", cycle.Themes.Select(t => t.Id))}), not '{theme}'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
        }

        return TypedResults.Ok(await register.ListAsync(cycle, group, theme, cancellationToken));
    }

    internal static async Task<Results<Ok<StakeholderResponse>, ProblemHttpResult>> GetAsync(
        string businessKey, Guid id, PlanCycles cycles, StakeholderRegister register, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        return await register.GetAsync(cycle, id, cancellationToken) is { } found ? TypedResults.Ok(found) : NotFound(id, businessKey);
    }

    internal static async Task<Results<Created<StakeholderResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string businessKey, StakeholderRequest request, PlanCycles cycles, StakeholderRegister register, PlanningAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        if (StakeholderRegister.Check(cycle, request) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        if (!await access.CanEditRegisterAsync(request.Themes!, all: true, cancellationToken))
        {
            return Forbidden();
        }

        var record = await register.AddAsync(cycle, request, access.UserId, cancellationToken);
        return TypedResults.Created($"/api/cycles/{Uri.EscapeDataString(businessKey)}/stakeholders/{record.Id}", (await register.GetAsync(cycle, record.Id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<StakeholderResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string businessKey, Guid id, StakeholderRequest request, PlanCycles cycles, StakeholderRegister register, PlanningAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        if (await register.FindAsync(cycle, id, cancellationToken) is not { } record)
        {
            return NotFound(id, businessKey);
        }

        if (StakeholderRegister.Check(cycle, request) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        if (!await access.CanEditRegisterAsync(record.Themes, all: false, cancellationToken) || !await access.CanEditRegisterAsync(request.Themes!, all: true, cancellationToken))
        {
            return Forbidden();
        }

        await register.UpdateAsync(record, request, cancellationToken);
        return TypedResults.Ok((await register.GetAsync(cycle, id, cancellationToken))!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessKey, Guid id, PlanCycles cycles, StakeholderRegister register, PlanningAccess access, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        if (await register.FindAsync(cycle, id, cancellationToken) is not { } record)
        {
            return NotFound(id, businessKey);
        }

        if (!await access.CanEditRegisterAsync(record.Themes, all: false, cancellationToken))
        {
            return Forbidden();
        }

        await register.DeleteAsync(record, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<InvitationResponse>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        string businessKey, Guid id, InviteStakeholderRequest request, PlanCycles cycles, StakeholderRegister register, PlanningAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        if (await register.FindAsync(cycle, id, cancellationToken) is not { } record)
        {
            return NotFound(id, businessKey);
        }

        if (!await access.CanInviteAsync(record.Themes, request.WorkingGroupId, cancellationToken))
        {
            return Forbidden();
        }

        var (invitation, problems) = await register.InviteAsync(cycle, record, request, access.UserId, cancellationToken);
        if (invitation is null)
        {
            return Invalid(problems);
        }

        var view = (await register.GetAsync(cycle, id, cancellationToken))!.Invitations.Single(i => i.Id == invitation.Id);
        return TypedResults.Created($"/api/cycles/{Uri.EscapeDataString(businessKey)}/stakeholders/{id}", view);
    }

    /// <summary>The 400 of <paramref name="problems"/>, with <c>errors</c> by field.</summary>
    /// <param name="problems">At least one problem.</param>
    internal static ValidationProblem Invalid(IReadOnlyList<StakeholderProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
            $"The stakeholder is not valid: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"))}",
            title: "Invalid stakeholder");

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(
            "Only the planning office and the coordinators of the stakeholder's themes edit the register (a working group's members may invite to their sessions).",
            statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    private static ProblemHttpResult NotFound(Guid id, string businessKey) =>
        TypedResults.Problem($"Cycle '{businessKey}' has no stakeholder '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Stakeholder not found");
}
