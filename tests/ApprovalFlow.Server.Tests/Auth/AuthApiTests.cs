using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Auth;

[Collection(ServiceGroup.Name)]
public class AuthApiTests(ServiceFixture service)
{
    [Fact]
    public async Task Login_ReturnsBearerToken_MeShowsRolesAndGroups()
    {
        var user = await service.CreateUserAsync("sara", [Roles.Official], "planning-office", "committee-secretariat");
        using var anonymous = service.Factory.CreateClient();

        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ServiceFixture.Password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.True(token.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));

        using var client = await service.ClientForAsync(user);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(user.Id, me.GetProperty("id").GetString());
        Assert.Equal("sara", me.GetProperty("displayName").GetString());
        Assert.Equal(["official"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["committee-secretariat", "planning-office"], me.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Login_WrongPassword_Is401Problem_AndFiveFailuresNoLongerLockTheAccount()
    {
        var user = await service.CreateUserAsync("reza", [Roles.Official]);
        using var anonymous = service.Factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong" });
            Assert.Equal(AuthApi.WrongCredentials, (await response.ProblemAsync(HttpStatusCode.Unauthorized)).Detail());
        }

        var signedIn = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ServiceFixture.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Me_WithoutToken_Is401()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
