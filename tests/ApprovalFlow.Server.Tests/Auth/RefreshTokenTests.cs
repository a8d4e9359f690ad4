using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Auth;

/// <summary>Rotating refresh tokens, reuse detection and sign-out everywhere.</summary>
[Collection(SignInProtectionGroup.Name)]
public sealed class RefreshTokenTests(SignInProtectionFixture service)
{
    [Fact]
    public async Task Each_refresh_returns_a_new_refresh_token_and_the_old_one_stops_working()
    {
        var user = await service.CreateUserAsync("hamid", [Roles.Official]);
        using var client = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
        var (_, first) = await SignInProtectionFixture.TokensAsync(await SignInProtectionFixture.LoginAsync(client, user.Email!, ServiceFixture.Password));

        var (access, second) = await SignInProtectionFixture.TokensAsync(await RefreshAsync(client, first));
        var (_, third) = await SignInProtectionFixture.TokensAsync(await RefreshAsync(client, second));

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        using var api = service.Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(user.Id, (await api.GetOkAsync("/api/me")).GetProperty("id").GetString());
        var rows = await TokensOfAsync(user.Id);
        Assert.Equal(3, rows.Count);
        Assert.Single(rows.Select(r => r.FamilyId).Distinct());
        Assert.Equal(2, rows.Count(r => r.ReplacedAt is not null));
        Assert.All(rows, r => Assert.Null(r.RevokedAt));
        Assert.All(rows, r => Assert.Equal(32, r.TokenHash.Length));
    }

    [Fact]
    public async Task A_reused_refresh_token_revokes_its_family_and_the_newer_token_stops_working_too()
    {
        var user = await service.CreateUserAsync("kaveh", [Roles.Official]);
        using var client = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
        var (_, stolen) = await SignInProtectionFixture.TokensAsync(await SignInProtectionFixture.LoginAsync(client, user.Email!, ServiceFixture.Password));
        var (_, otherDevice) = await SignInProtectionFixture.TokensAsync(await SignInProtectionFixture.LoginAsync(client, user.Email!, ServiceFixture.Password));
        var (_, newer) = await SignInProtectionFixture.TokensAsync(await RefreshAsync(client, stolen));

        var reuse = await RefreshAsync(client, stolen);
        Assert.Contains("already used", (await reuse.ProblemAsync(HttpStatusCode.Unauthorized)).Detail(), StringComparison.Ordinal);
        await (await RefreshAsync(client, newer)).ProblemAsync(HttpStatusCode.Unauthorized);

        // The other sign-in's family is not touched.
        await SignInProtectionFixture.TokensAsync(await RefreshAsync(client, otherDevice));
        var families = (await TokensOfAsync(user.Id)).GroupBy(r => r.FamilyId).ToList();
        Assert.Equal(2, families.Count);
        Assert.Single(families, f => f.All(r => r.RevokedAt is not null) && f.Count() == 2);
        Assert.Single(families, f => f.All(r => r.RevokedAt is null) && f.Count() == 2);
    }

    [Fact]
    public async Task Logout_everywhere_ends_the_refresh_tokens_and_the_web_sessions()
    {
        var user = await service.CreateUserAsync("mina", [Roles.Official]);
        var address = SignInProtectionFixture.NewClientAddress();
        using var client = service.ClientFrom(address);
        var (access, refresh) = await SignInProtectionFixture.TokensAsync(await SignInProtectionFixture.LoginAsync(client, user.Email!, ServiceFixture.Password));
        using var browser = service.ClientFrom(address, followRedirects: false);
        var signedIn = await PageSignIn.PostAsync(browser, user.Email!, ServiceFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        using var api = service.Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var logout = await api.PostAsync(new Uri("/api/auth/logout-everywhere", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await (await RefreshAsync(client, refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        var inbox = await browser.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Contains("/account/login", inbox.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.All(await TokensOfAsync(user.Id), r => Assert.NotNull(r.RevokedAt));
    }

    [Fact]
    public async Task Logout_everywhere_without_a_token_is_401()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.PostAsync(new Uri("/api/auth/logout-everywhere", UriKind.Relative), null);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task<List<Features.Auth.Tokens.RefreshTokenRecord>> TokensOfAsync(string userId)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync();
    }
}
