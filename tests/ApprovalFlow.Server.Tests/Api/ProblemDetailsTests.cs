using System.Net;
using System.Text;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Api;

[Collection(ServiceGroup.Name)]
public class ProblemDetailsTests(ServiceFixture service)
{
    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        var (_, client) = await service.SignInNewAsync("nora", [Roles.Official]);

        var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/no-such-thing", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        var (_, client) = await service.SignInNewAsync("nima", [Roles.Official]);

        var response = await client.DeleteAsync(new Uri("/api/auth/login", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task UnknownRoute_Anonymous_Is401Problem_RoutesAreNotRevealed()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoToken_Is401Problem()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/api/me", UriKind.Relative));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("bearer token", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_Is400ProblemSayingWhatIsWrong()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.PostAsync(
            new Uri("/api/auth/login", UriKind.Relative), new StringContent("{bad json", Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("The request body is not valid JSON: ", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonEndpoint_WithTextBody_Is415Problem()
    {
        var (_, client) = await service.SignInNewAsync("nasim", [Roles.Official]);

        var response = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), new StringContent("hello", Encoding.UTF8, "text/plain"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("text/plain", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenMebibyteBody_Is413Problem()
    {
        var (_, client) = await service.SignInNewAsync("olga", [Roles.ProcessOwner]);
        var json = new StringBuilder("{\"padding\":\"").Append('x', 10 * 1024 * 1024).Append("\"}").ToString();

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("8388608", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_IsAnonymousAndListsDefinitions()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/definitions", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
        var complete = document.GetProperty("paths").GetProperty("/api/tasks/{id}/complete").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "400", "401", "403", "404", "409" })
        {
            Assert.True(complete.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"no {status} problem response");
        }
    }

    [Fact]
    public async Task ScalarReference_IsAnonymousHtml()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/scalar", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnhandledException_Is500ProblemWithoutExceptionText()
    {
        var noWorkflows = System.IO.Directory.CreateTempSubdirectory("approvalflow-none-").FullName;
        await using var broken = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Workflows:Directory", noWorkflows).ConfigureTestServices(services =>
            services.AddScoped<DefinitionDeployer>(_ => throw new InvalidOperationException("secret internals"))));
        var user = await service.CreateUserAsync("bahar", [Roles.ProcessOwner]);
        using var client = broken.CreateClient();
        var login = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative),
            new StringContent($$"""{"email":"{{user.Email}}","password":"{{ServiceFixture.Password}}"}""", Encoding.UTF8, "application/json"));
        var token = (await login.ReadJsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent("<x/>", Encoding.UTF8, "application/xml"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("traceId", problem.Detail(), StringComparison.Ordinal);
    }
}
