using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>The SMTP server notifications are sent through (section <c>Smtp</c>), validated at start.</summary>
public sealed class SmtpOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Smtp";

    /// <summary>Host name or address of the SMTP server; required.</summary>
    [Required]
    public string Host { get; set; } = string.Empty;

    /// <summary>TCP port, 1 to 65535; default 25.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Transport security; default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// Path of a PEM file with the certificate(s) the SMTP server's TLS certificate may chain to besides the system's trust
    /// store: an internal CA's, or the server's own self-signed certificate (absolute, or relative to the content root).
    /// Empty (default): only the system's trust store. The server's name must still match its certificate; revocation is
    /// not checked for a chain ending at this certificate (internal CAs rarely publish a CRL). Requires TLS
    /// (<see cref="Security"/> not <see cref="SmtpSecurity.None"/>); the file must exist and hold a certificate at start.
    /// </summary>
    public string? TrustedCertificate { get; set; }

    /// <summary>User name for SMTP AUTH, or empty for none.</summary>
    public string? User { get; set; }

    /// <summary>Password for SMTP AUTH (required when <see cref="User"/> is set).</summary>
    public string? Password { get; set; }

    /// <summary>The sender, an RFC 5322 mailbox such as <c>ApprovalFlow &lt;noreply@example.org&gt;</c>; required.</summary>
    [Required]
    public string From { get; set; } = string.Empty;

    /// <summary>
    /// How many connections to the server may be open at once, 1 to 100; default 2. Mails due together share them
    /// (one connection sends one mail after another), so a batch of mails costs one connection and one login each.
    /// </summary>
    [Range(1, 100)]
    public int MaxConnections { get; set; } = 2;

    /// <summary>How long an unused connection stays open for the next mail, an ISO 8601 duration of seconds or minutes; default <c>PT15S</c>.</summary>
    public string IdleTimeout { get; set; } = "PT15S";

    /// <summary><see cref="IdleTimeout"/> as a <see cref="TimeSpan"/>, or <see langword="null"/> when it is not a positive ISO 8601 duration.</summary>
    public TimeSpan? IdleTimeoutSpan
    {
        get
        {
            try
            {
                var span = System.Xml.XmlConvert.ToTimeSpan(IdleTimeout);
                return span > TimeSpan.Zero ? span : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a local mail catcher only).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (RFC 3207), required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (RFC 8314 implicit TLS, port 465).</summary>
    SslOnConnect,
}

/// <summary>Settings of the application as users reach it (section <c>App</c>).</summary>
public sealed class AppOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "App";

    /// <summary>The absolute http(s) URL of the web app; links in mails start with it (e.g. <c>https://plan.example.org</c>); required.</summary>
    [Required]
    public string BaseUrl { get; set; } = string.Empty;
}
