using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// Fuzzing of the BPMN endpoints (issue 14): mutated files from the shipped <c>workflows/</c> and the test fixtures,
/// and hostile documents (<see cref="BpmnMutations"/>), posted to <c>POST /api/definitions</c> (XML body and multipart),
/// saved as a designer draft (<c>PUT /api/definitions/{key}/draft</c>, which checks the file) and deployed from it.
/// Every answer is checked by <see cref="FuzzResponses"/>: no 5xx, no hang, every refusal a problem.
/// </summary>
[Collection(SecurityGroup.Name)]
public class BpmnFuzzTests(SecurityFixture service)
{
    private const int Seed = 14_2026;

    private static IEnumerable<string> Sources() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(TestDatabase.RepositoryRoot(), "workflows"), "*.bpmn", SearchOption.AllDirectories)
            .Concat(System.IO.Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.bpmn"))
            .Order(StringComparer.Ordinal);

    [Fact]
    public async Task Mutated_and_hostile_BPMN_files_are_refused_with_problems_and_never_fail_the_server()
    {
        var principals = await service.PrincipalsAsync();
        var mutants = new List<BpmnMutations.Mutant>(BpmnMutations.Hostile());
        var seed = Seed;
        foreach (var file in Sources())
        {
            var xml = await File.ReadAllTextAsync(file);
            var name = Path.GetFileName(file);
            mutants.AddRange(BpmnMutations.Structural(name, xml, seed++, 8));
            mutants.AddRange(BpmnMutations.Raw(name, xml, seed++));
        }

        var responses = new FuzzResponses();
        var key = BpmnFiles.NewKey("fuzz_draft");
        await Parallel.ForEachAsync(mutants, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (mutant, cancellationToken) =>
        {
            using var xmlBody = new HttpRequestMessage(HttpMethod.Post, "/api/definitions") { Content = Bytes(mutant.Bytes, "application/xml") };
            await responses.SendAsync(principals.Owner, xmlBody, mutant.Name, cancellationToken);

            var form = new MultipartFormDataContent { { Bytes(mutant.Bytes, "text/xml"), "file", "fuzz.bpmn" } };
            using var multipart = new HttpRequestMessage(HttpMethod.Post, "/api/definitions") { Content = form };
            await responses.SendAsync(principals.Admin, multipart, mutant.Name + " (multipart)", cancellationToken);
        });

        // The draft endpoints keep one draft per user and key: one mutant after another.
        foreach (var mutant in mutants.Where(m => m.Bytes.Length < 6 * 1024 * 1024))
        {
            var json = JsonSerializer.Serialize(new { xml = Encoding.UTF8.GetString(mutant.Bytes), baseVersion = (int?)null });
            using var save = new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{key}/draft") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (await responses.SendAsync(principals.Owner, save, mutant.Name + " (draft)", CancellationToken.None) is >= 200 and < 300)
            {
                using var deploy = new HttpRequestMessage(HttpMethod.Post, $"/api/definitions/{key}/draft/deploy");
                await responses.SendAsync(principals.Owner, deploy, mutant.Name + " (draft deploy)", CancellationToken.None);
            }
        }

        responses.AssertNone();
        Assert.True(responses.Count > 300, $"Only {responses.Count} requests were made.");
    }

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
