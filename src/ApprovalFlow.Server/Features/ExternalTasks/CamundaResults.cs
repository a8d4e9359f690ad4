using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Responses as Camunda 7's REST API writes them: camelCase JSON with the content type exactly
/// <c>application/json</c> (the JavaScript client ignores a body of any other content type, <c>; charset=utf-8</c>
/// included), and request bodies read with unknown fields ignored.
/// </summary>
internal static class CamundaResults
{
    /// <summary>The content type of every JSON response.</summary>
    public const string ContentType = "application/json";

    /// <summary>The serializer settings of requests and responses.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>A 200 JSON response.</summary>
    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, Json, ContentType);

    /// <summary>A Camunda error response.</summary>
    public static JsonHttpResult<CamundaError> Error(int status, CamundaError error) => TypedResults.Json(error, Json, ContentType, status);

    /// <summary>Writes a Camunda error outside an endpoint (authentication).</summary>
    public static async Task WriteAsync(HttpContext context, int status, CamundaError error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, error, Json, context.RequestAborted);
    }

    /// <summary>Reads a request body; an empty body is <paramref name="empty"/>.</summary>
    /// <exception cref="CamundaRequestException">The body is not JSON of the expected shape.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, T empty)
    {
        if (request.ContentLength == 0)
        {
            return empty;
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            return buffer.Length == 0 ? empty : JsonSerializer.Deserialize<T>(buffer.ToArray(), Json) ?? empty;
        }
        catch (JsonException e)
        {
            throw CamundaRequestException.BadRequest($"The request body is not valid JSON for this request: {e.Message}");
        }
    }
}
