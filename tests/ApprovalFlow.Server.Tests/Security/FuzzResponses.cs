using System.Collections.Concurrent;
using System.Text.Json;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// What the fuzzing tests require of every answer: no 5xx, and every refusal a problem-details body
/// (<c>application/problem+json</c> with a non-empty <c>detail</c>), or for <c>/engine-rest</c> Camunda 7's error
/// shape with a non-empty <c>message</c>, which its clients read. Collects every breach, thread-safe.
/// </summary>
internal sealed class FuzzResponses
{
    private readonly ConcurrentBag<string> _failures = [];
    private int _count;

    /// <summary>How many answers were checked.</summary>
    public int Count => _count;

    /// <summary>Sends <paramref name="request"/> and checks the answer; a timeout of the client is a breach (a hang).</summary>
    public async Task<int> SendAsync(HttpClient client, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var where = $"{what}: {request.Method} {request.RequestUri} → {status}";
            if (status >= 500)
            {
                _failures.Add($"{where} {Short(body)}");
            }
            else if (status >= 400)
            {
                Refusal(where, request.RequestUri!.OriginalString.StartsWith("/engine-rest", StringComparison.Ordinal), response.Content.Headers.ContentType?.MediaType, body);
            }

            return status;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _failures.Add($"{what}: {request.Method} {request.RequestUri} got no answer within {client.Timeout.TotalSeconds} s");
            return 0;
        }
    }

    /// <summary>Fails with every breach seen.</summary>
    public void AssertNone() => Assert.True(_failures.IsEmpty, $"{_failures.Count} of {_count} answers were wrong:\n" + string.Join('\n', _failures.Order(StringComparer.Ordinal).Take(200)));

    private void Refusal(string where, bool camunda, string? mediaType, string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            _failures.Add($"{where} as {mediaType ?? "no content type"} is not JSON: {Short(body)}");
            return;
        }

        var (type, field) = camunda ? ("application/json", "message") : ("application/problem+json", "detail");
        if (mediaType != type || root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(field, out var text) || text.ValueKind != JsonValueKind.String || text.GetString()!.Length == 0)
        {
            _failures.Add($"{where} as {mediaType ?? "no content type"} has no {field}: {Short(body)}");
        }
    }

    private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
