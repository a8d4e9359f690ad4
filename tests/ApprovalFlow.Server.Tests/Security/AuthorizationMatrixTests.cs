using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// The authorisation matrix (issue 14): every route of the service's endpoint data source × anonymous, an official of
/// another group, the official of the group whose task and instance it is, a process owner, an admin and a worker
/// (HTTP Basic), each answer compared with <c>AuthorizationMatrix.tsv</c>. A route without a row fails the test, so a
/// new endpoint must be classified. Refusals of the API are problem details; pages send anonymous callers to sign in.
/// </summary>
[Collection(SecurityGroup.Name)]
public class AuthorizationMatrixTests(SecurityFixture service)
{
    private const string TableFile = "AuthorizationMatrix.tsv";

    [Fact]
    public async Task Every_route_answers_each_principal_as_the_matrix_says()
    {
        var principals = await service.PrincipalsAsync();
        var table = MatrixTable.Load(Path.Combine(AppContext.BaseDirectory, "Security", TableFile));
        var routes = EndpointCatalog.All(service.Factory.Services);
        var shared = await service.StartInstanceAsync();
        var observed = new ConcurrentDictionary<string, MatrixTable.Row>();
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(routes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (route, cancellationToken) =>
        {
            table.Rows.TryGetValue(route.Key, out var expected);
            var template = expected?.Url ?? RouteSamples.Template(route.Route);
            var statuses = new List<int>();
            foreach (var (name, client) in principals.Columns)
            {
                var fresh = route.Method != "GET" && (template.Contains("{task}", StringComparison.Ordinal) || template.Contains("{instance}", StringComparison.Ordinal))
                    ? await service.StartInstanceAsync()
                    : shared;
                var url = RouteSamples.Fill(service, template, fresh);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
                if (route.Method is not ("GET" or "DELETE"))
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, cancellationToken);
                statuses.Add((int)response.StatusCode);
                if (await RefusalProblemAsync(route, name, url, response) is { } problem)
                {
                    failures.Add(problem);
                }
            }

            var row = new MatrixTable.Row(route.Method, route.Route, template, statuses);
            observed[route.Key] = row;
            if (expected is null)
            {
                failures.Add($"{route.Key} has no row in {TableFile}; classify it (observed: {row.Line})");
            }
            else if (!expected.Statuses.SequenceEqual(statuses))
            {
                failures.Add($"{route.Key}: expected {string.Join(' ', expected.Statuses)}, got {string.Join(' ', statuses)}");
            }
        });

        foreach (var stale in table.Rows.Keys.Except(observed.Keys))
        {
            failures.Add($"{stale} is in {TableFile} but the service has no such route; remove the row");
        }

        await File.WriteAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Security", "AuthorizationMatrix.observed.tsv"),
            observed.Values.OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).Select(r => r.Line));
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Order(StringComparer.Ordinal)));
        Assert.True(routes.Count > 100, $"Only {routes.Count} routes were found in the endpoint data source.");
    }

    /// <summary>What is wrong with a refusal or an error: a 5xx, an API refusal that is no problem details, a page that does not send an anonymous caller to sign in.</summary>
    private static async Task<string?> RefusalProblemAsync(EndpointCatalog.EndpointRoute route, string principal, string url, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var where = $"{route.Method} {url} as {principal}";
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{where}: {status} {body}";
        }

        var isPage = !MatrixTable.IsMachinePath(route.Route);
        if (isPage && principal == "anonymous" && route.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var location = response.Headers.Location?.ToString() ?? string.Empty;
            return status == (int)HttpStatusCode.Redirect && location.Contains("/account/login", StringComparison.Ordinal) ? null : $"{where}: {status} {location}, not a redirect to sign-in";
        }

        if (status < 400 || isPage)
        {
            return null;
        }

        if (route.Route.StartsWith("/engine-rest", StringComparison.Ordinal))
        {
            // Camunda 7's error shape, which its clients read: {type, message}.
            using var camunda = JsonDocument.Parse(body);
            return camunda.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } ? null : $"{where}: {status} without a Camunda error message: {body}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{where}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem details: {body}";
        }

        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } ? null : $"{where}: {status} problem without a detail: {body}";
    }
}
