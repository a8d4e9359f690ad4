using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>Sends one message through the SMTP server of <see cref="SmtpOptions"/> with MailKit (RFC 5321). Thread-safe singleton: a connection per message.</summary>
public sealed class MailSender(IOptions<SmtpOptions> options)
{
    /// <summary>Connects, authenticates when <see cref="SmtpOptions.User"/> is set, sends <paramref name="message"/> and disconnects.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The server cannot be reached.</exception>
    /// <exception cref="SmtpCommandException">The server refused the message or a recipient.</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke off.</exception>
    /// <exception cref="AuthenticationException">The credentials were refused.</exception>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        using var client = new SmtpClient();
        client.Timeout = 30_000;
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException)
        {
            // The server has accepted the message: a connection lost at QUIT does not unsend it (RFC 5321 §4.1.1.10).
        }
    }

    /// <summary>The sender of every mail (<see cref="SmtpOptions.From"/>).</summary>
    public MailboxAddress From => MailboxAddress.Parse(options.Value.From);
}
