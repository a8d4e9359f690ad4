using System.Net;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Auth;

/// <summary>Rate limits, back-off instead of lockout, and answers that do not tell which accounts exist.</summary>
[Collection(SignInProtectionGroup.Name)]
public sealed partial class SignInProtectionTests(SignInProtectionFixture service)
{
    [Fact]
    public async Task Six_wrong_passwords_from_one_client_do_not_lock_the_official_out_from_another()
    {
        var official = await service.CreateUserAsync("ladan", [Roles.Official]);
        using var attacker = service.ClientFrom(SignInProtectionFixture.NewClientAddress());

        for (var i = 0; i < SignInProtectionFixture.FreeFailures + 1; i++)
        {
            var wrong = await SignInProtectionFixture.LoginAsync(attacker, official.Email!, "Guess!" + i);
            Assert.Equal(AuthApi.WrongCredentials, (await wrong.ProblemAsync(HttpStatusCode.Unauthorized)).Detail());
        }

        var attackerWithRightPassword = await SignInProtectionFixture.LoginAsync(attacker, official.Email!, ServiceFixture.Password);
        var refused = await attackerWithRightPassword.ProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(attackerWithRightPassword.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3500, 3600);
        Assert.Contains($"try again in {retryAfter} seconds", refused.Detail(), StringComparison.Ordinal);

        using var officialsDesk = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
        await SignInProtectionFixture.TokensAsync(await SignInProtectionFixture.LoginAsync(officialsDesk, official.Email!, ServiceFixture.Password));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answers_and_the_same_back_off()
    {
        var known = await service.CreateUserAsync("parvin", [Roles.Official]);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        var answers = new Dictionary<string, List<string>>();
        foreach (var email in new[] { known.Email!, unknown })
        {
            using var client = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
            var seen = new List<string>();
            answers[email] = seen;
            for (var i = 0; i < SignInProtectionFixture.FreeFailures + 2; i++)
            {
                var response = await SignInProtectionFixture.LoginAsync(client, email, "Wrong!2345");
                var problem = await response.Content.ReadAsStringAsync();
                var json = System.Text.Json.JsonDocument.Parse(problem).RootElement;
                seen.Add($"{(int)response.StatusCode} {response.Headers.Contains("Retry-After")} {json.GetProperty("title").GetString()} {Digits().Replace(json.GetProperty("detail").GetString()!, "N")}");
            }
        }

        Assert.Equal(answers[known.Email!], answers[unknown]);
        Assert.Equal(Enumerable.Repeat($"401 False Sign-in failed {AuthApi.WrongCredentials}", SignInProtectionFixture.FreeFailures + 1), answers[unknown].Take(SignInProtectionFixture.FreeFailures + 1));
        Assert.StartsWith("429 True Too many requests", answers[unknown][^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_past_the_rate_limit_gets_429_with_retry_after_on_login_and_refresh()
    {
        using var client = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
        for (var i = 0; i < SignInProtectionFixture.ClientPermitLimit; i++)
        {
            // A different e-mail each time: the per-account back-off stays out of it.
            var response = await SignInProtectionFixture.LoginAsync(client, $"spray-{i}-{Guid.NewGuid():N}@test.local", "Wrong!2345");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var limited = await SignInProtectionFixture.LoginAsync(client, $"spray-{Guid.NewGuid():N}@test.local", "Wrong!2345");
        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Contains($"try again in {retryAfter} seconds", problem.Detail(), StringComparison.Ordinal);

        var refresh = await client.PostAsync(new Uri("/api/auth/refresh", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { refreshToken = "whatever" }));
        await refresh.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refresh.Headers.Contains("Retry-After"));

        using var otherClient = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInProtectionFixture.LoginAsync(otherClient, $"spray-{Guid.NewGuid():N}@test.local", "Wrong!2345")).StatusCode);
    }

    [Fact]
    public async Task Past_the_cap_of_wrong_passwords_from_many_clients_the_account_waits_for_every_client()
    {
        var official = await service.CreateUserAsync("shirin", [Roles.Official]);
        for (var c = 0; c < SignInProtectionFixture.AccountFailureLimit / 2; c++)
        {
            using var botnet = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await SignInProtectionFixture.LoginAsync(botnet, official.Email!, "Guess!" + i)).StatusCode);
            }
        }

        using var desk = service.ClientFrom(SignInProtectionFixture.NewClientAddress());
        var refused = await SignInProtectionFixture.LoginAsync(desk, official.Email!, ServiceFixture.Password);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task The_sign_in_page_gives_one_message_for_wrong_and_unknown_and_says_how_long_to_wait()
    {
        var official = await service.CreateUserAsync("nasrin", [Roles.Official]);
        using var browser = service.ClientFrom(SignInProtectionFixture.NewClientAddress(), followRedirects: false);
        var messages = new List<string>();
        foreach (var email in new[] { official.Email!, $"nobody-{Guid.NewGuid():N}@test.local" })
        {
            var page = await PageSignIn.PostAsync(browser, email, "Wrong!2345");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            messages.Add(PageSignIn.Alert(await page.Content.ReadAsStringAsync()));
        }

        Assert.Equal("نشانی رایانامه یا گذرواژه درست نیست.", messages.Distinct().Single());
        for (var i = 0; i < SignInProtectionFixture.FreeFailures; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PageSignIn.PostAsync(browser, official.Email!, "Wrong!2345")).StatusCode);
        }

        var throttled = await PageSignIn.PostAsync(browser, official.Email!, ServiceFixture.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("تلاش‌های ورود بیش از اندازه بوده است. لطفاً ۶۰ دقیقهٔ دیگر دوباره امتحان کنید.", PageSignIn.Alert(await throttled.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
