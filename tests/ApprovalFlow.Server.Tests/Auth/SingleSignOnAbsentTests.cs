using System.Net;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Web.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Auth;

[Collection(ServiceGroup.Name)]
public class SingleSignOnAbsentTests(ServiceFixture service)
{
    [Fact]
    public async Task Without_the_Oidc_section_there_is_no_scheme_no_button_and_no_sign_on_page()
    {
        using var client = service.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var login = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var external = await client.GetAsync(new Uri("/account/external", UriKind.Relative));

        Assert.Null(await service.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcSignInOptions.Scheme));
        Assert.Contains("name=\"Password\"", login, StringComparison.Ordinal);
        Assert.DoesNotContain(OidcSignIn.ExternalPage, login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, external.StatusCode);
    }
}
