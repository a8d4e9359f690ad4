using ApprovalFlow.Server.Web.Oidc;

namespace ApprovalFlow.Server.Tests.Auth;

public sealed class OidcSignInOptionsValidatorTests
{
    [Fact]
    public void Validator_ReportsEveryBrokenRuleAtOnce()
    {
        var result = new OidcSignInOptionsValidator().Validate(null, new OidcSignInOptions
        {
            Authority = new Uri("http://sso.example.org/realms/mashhad"),
            ClientId = "approvalflow",
            DisplayName = "SSO",
            Scopes = ["profile", "email"],
            CallbackPath = "signin-oidc",
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains("Authentication:Oidc:Authority 'http://sso.example.org/realms/mashhad' must use https", failures[0], StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:Scopes must include 'openid'", failures[1], StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:CallbackPath 'signin-oidc'", failures[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_AcceptsAnHttpsProviderWithTheDefaults_AndAnHttpOneOnlyWhenHttpsIsNotRequired()
    {
        var validator = new OidcSignInOptionsValidator();

        Assert.True(validator.Validate(null, new OidcSignInOptions { Authority = new Uri("https://sso.example.org/"), ClientId = "c", DisplayName = "SSO" }).Succeeded);
        Assert.True(validator.Validate(null, new OidcSignInOptions { Authority = new Uri("http://127.0.0.1:5000/"), ClientId = "c", DisplayName = "SSO", RequireHttpsMetadata = false }).Succeeded);
    }
}
