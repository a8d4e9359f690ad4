using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// The check of the SMTP server's TLS certificate when <see cref="SmtpOptions.TrustedCertificate"/> is set: a certificate the
/// system trusts passes as always; otherwise it passes only when its name matches and its chain builds to one of the
/// configured certificates (<see cref="X509ChainTrustMode.CustomRootTrust"/>, RFC 5280 path validation without revocation
/// checking). Never accepts a certificate for the wrong name or with no chain to a trusted root. Thread-safe.
/// </summary>
internal static class SmtpServerTrust
{
    /// <summary>The full path of <see cref="SmtpOptions.TrustedCertificate"/> (see <see cref="Hosting.ContentPaths"/>), or <see langword="null"/> when it is unset or not found.</summary>
    public static string? Resolve(SmtpOptions options, string contentRoot) =>
        string.IsNullOrWhiteSpace(options.TrustedCertificate) ? null : Hosting.ContentPaths.Resolve(options.TrustedCertificate, contentRoot, File.Exists);

    /// <summary>The certificates of the PEM file <paramref name="path"/>.</summary>
    /// <exception cref="CryptographicException">The file holds no certificate, or a malformed one.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static X509Certificate2Collection Load(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates.Count > 0 ? certificates : throw new CryptographicException($"{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    /// <summary>The validation callback accepting the system's trusted certificates and those that chain to <paramref name="roots"/>.</summary>
    public static RemoteCertificateValidationCallback Callback(X509Certificate2Collection roots) => (_, certificate, presented, errors) =>
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    };
}
