using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// Fuzzing of every endpoint that takes a JSON body (issue 14), found by the <c>Accepts</c> metadata of the service's
/// endpoint data source: a sample body built from the endpoint's OpenAPI schema, and its mutations
/// (<see cref="JsonMutations"/>), sent by an admin of the planning office and group A (so that the requests pass the
/// authorisation and reach binding and validation). Every answer is checked by <see cref="FuzzResponses"/>.
/// </summary>
[Collection(SecurityGroup.Name)]
public partial class JsonFuzzTests(SecurityFixture service)
{
    private const int Seed = 14_0014;

    [Fact]
    public async Task Mutated_JSON_bodies_of_every_endpoint_are_refused_with_problems_and_never_fail_the_server()
    {
        var principals = await service.PrincipalsAsync();
        var fuzzer = await service.FuzzerAsync();
        var samples = new JsonSamples(JsonDocument.Parse(await principals.Anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement);
        var routes = EndpointCatalog.All(service.Factory.Services)
            .Where(r => r.Accepts.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) && r.Method is not ("GET" or "DELETE"))
            .ToList();
        var responses = new FuzzResponses();
        var seed = Seed;
        var work = routes.Select(route => (Route: route, Seed: seed++)).ToList();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, cancellationToken) =>
        {
            var (route, routeSeed) = item;
            var template = RouteSamples.Template(route.Route);
            var data = template.Contains("{task}", StringComparison.Ordinal) || template.Contains("{instance}", StringComparison.Ordinal) ? await service.StartInstanceAsync() : default;
            var url = RouteSamples.Fill(service, template, data);
            var schema = samples.RequestSchema(route.Method, OpenApiPath().Replace(route.Route, "{$1}"));
            var sample = schema is { } s ? samples.Sample(s) : null;
            foreach (var mutant in JsonMutations.Of(sample, routeSeed))
            {
                var content = new ByteArrayContent(mutant.Body);
                if (mutant.ContentType is { } type)
                {
                    content.Headers.ContentType = new MediaTypeHeaderValue(type);
                }

                using var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = content };
                await responses.SendAsync(fuzzer, request, $"{route.Key} with {mutant.Name}", cancellationToken);
            }
        });

        responses.AssertNone();
        Assert.True(routes.Count >= 30, $"Only {routes.Count} endpoints take a JSON body: {string.Join(", ", routes.Select(r => r.Key))}");
    }

    /// <summary>A route parameter with its constraints, catch-all and optional markers, for the OpenAPI path's plain <c>{name}</c>.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex OpenApiPath();
}
