using ApprovalFlow.Server.Features.Planning.Cycles;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>
/// Lets only a cycle's participants (<see cref="PlanningAccess.CanReadAsync"/>) reach an endpoint under
/// <c>/api/cycles/{businessKey}</c>: others get a 403 problem (RFC 9457). An unknown cycle passes on, so the
/// endpoint answers its own 404.
/// </summary>
public static class CycleParticipantFilter
{
    /// <summary>Adds the participant check to <paramref name="builder"/>'s endpoints, whose route has a <c>{businessKey}</c>.</summary>
    /// <typeparam name="TBuilder">A route group or endpoint.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder RequireCycleParticipant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetRouteValue("businessKey") is string businessKey
                && await http.RequestServices.GetRequiredService<PlanCycles>().FindAsync(businessKey, http.RequestAborted) is { } cycle
                && !await http.RequestServices.GetRequiredService<PlanningAccess>().CanReadAsync(cycle, http.RequestAborted))
            {
                return TypedResults.Problem(PlanningAccess.NotAParticipant(businessKey), statusCode: StatusCodes.Status403Forbidden, title: "Not a participant of the cycle");
            }

            return await next(context);
        });
        return builder;
    }
}
