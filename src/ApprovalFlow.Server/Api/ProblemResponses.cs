using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Api;

/// <summary>Declares the RFC 9457 problem answers of an endpoint group in the OpenAPI document.</summary>
public static class ProblemResponses
{
    /// <summary>Every signed-in group can answer these: bad input, not signed in, not allowed, not found, body too large, server error.</summary>
    private static readonly int[] Common =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status500InternalServerError,
    ];

    /// <summary>Adds <c>application/problem+json</c> responses for the common statuses and <paramref name="more"/>.</summary>
    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder, params int[] more)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in Common.Concat(more).Distinct())
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
