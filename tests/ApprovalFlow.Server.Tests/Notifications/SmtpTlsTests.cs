using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>
/// Mail over TLS (<c>Smtp:Security</c> <c>StartTls</c> and <c>SslOnConnect</c>) to an SMTP server whose certificate the system
/// does not trust and <c>Smtp:TrustedCertificate</c> vouches for (its own self-signed certificate, or the internal CA that
/// issued it); a certificate that does not chain to the configured one is refused and the mail retried. Each test sends one
/// notification of the shared service through a second host configured for TLS, running the mail job itself.
/// </summary>
[Collection(NotificationsGroup.Name)]
public sealed class SmtpTlsTests(NotificationsFixture service)
{
    [Theory]
    [InlineData("StartTls", false, false)]
    [InlineData("SslOnConnect", true, false)]
    [InlineData("StartTls", false, true)]
    public async Task AServerCertificateChainingToTheTrustedCertificate_IsAccepted_AndTheMailIsDeliveredOverTls(string security, bool implicitTls, bool issuedByInternalCa)
    {
        using var ca = TestCertificates.Authority("ApprovalFlow test CA");
        using var certificate = issuedByInternalCa ? TestCertificates.Server(ca) : TestCertificates.SelfSignedServer();
        await using var smtp = await TestSmtpServer.CreateAsync(certificate, implicitTls);
        var trusted = WritePem(issuedByInternalCa ? ca : certificate);
        try
        {
            var (address, row) = await PendingMailAsync();

            await SendOverAsync(smtp, security, trusted, row.Id);

            var mail = Assert.Single(smtp.To(address));
            Assert.Equal(row.MessageId, mail.MessageId);
            Assert.Equal("true", mail.Headers[TestSmtpServer.SecureHeader]);
            var sent = await RowAsync(row.Id);
            Assert.Equal((NotificationStatus.Sent, 1, (string?)null), (sent.Status, sent.Attempts, sent.LastError));
        }
        finally
        {
            File.Delete(trusted);
        }
    }

    [Theory]
    [InlineData("StartTls", false)]
    [InlineData("SslOnConnect", true)]
    public async Task AServerCertificateNotChainingToTheTrustedCertificate_IsRefused_AndTheMailIsRecordedAsAnErrorAndRetried(string security, bool implicitTls)
    {
        using var impostor = TestCertificates.SelfSignedServer();
        using var expected = TestCertificates.SelfSignedServer();
        await using var smtp = await TestSmtpServer.CreateAsync(impostor, implicitTls);
        var trusted = WritePem(expected);
        try
        {
            var (_, row) = await PendingMailAsync();

            await SendOverAsync(smtp, security, trusted, row.Id);

            Assert.Empty(smtp.Messages);
            var failed = await RowAsync(row.Id);
            Assert.Equal((NotificationStatus.Pending, 1), (failed.Status, failed.Attempts));
            Assert.StartsWith("SslHandshakeException:", failed.LastError, StringComparison.Ordinal);
            Assert.NotNull(failed.JobId);
            Assert.NotEqual(row.JobId, failed.JobId);
        }
        finally
        {
            File.Delete(trusted);
        }
    }

    /// <summary>A task offered to a new member of a new group: its notification, pending (the fold window keeps its own job an hour away).</summary>
    private async Task<(string Address, NotificationRecord Row)> PendingMailAsync()
    {
        var group = $"tls-{Guid.NewGuid():N}";
        var member = await service.CreateUserAsync("member", [], group);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        await owner.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);
        return (member.Email!, Assert.Single(await service.ScheduledAsync(member.Id, 1)));
    }

    /// <summary>Runs the mail job of notification <paramref name="id"/> on a host sending to <paramref name="smtp"/> with <paramref name="security"/>, trusting <paramref name="trustedPem"/>.</summary>
    private async Task SendOverAsync(TestSmtpServer smtp, string security, string trustedPem, Guid id)
    {
        await using var host = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)
            .UseSetting("Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Smtp:Security", security)
            .UseSetting("Smtp:TrustedCertificate", trustedPem));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationJob>().SendAsync(id, CancellationToken.None);
    }

    private Task<NotificationRecord> RowAsync(Guid id) => service.QueryAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>Writes the certificate (no key) to a new PEM file; returns its path.</summary>
    private static string WritePem(X509Certificate2 certificate)
    {
        var path = Path.Combine(Path.GetTempPath(), $"smtp-trust-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}

/// <summary>Certificates made in the test (ECDSA P-256): an internal CA, and SMTP server certificates for <c>127.0.0.1</c>, self-signed or issued by the CA.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed CA certificate (basic constraints CA, key cert sign) with its key, valid for two days.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>A server certificate for <c>127.0.0.1</c> and <c>localhost</c>, self-signed, with its key.</summary>
    public static X509Certificate2 SelfSignedServer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = ServerRequest(key).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Usable(certificate);
    }

    /// <summary>A server certificate for <c>127.0.0.1</c> and <c>localhost</c> issued by <paramref name="authority"/>, with its key.</summary>
    public static X509Certificate2 Server(X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return Usable(withKey);
    }

    private static CertificateRequest ServerRequest(ECDsa key)
    {
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    /// <summary>The certificate reloaded from PKCS#12, so its key is one TLS server code can use on every platform.</summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
