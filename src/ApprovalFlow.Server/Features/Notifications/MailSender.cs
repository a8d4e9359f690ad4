using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Sends messages through the SMTP server of <see cref="SmtpOptions"/> with MailKit (RFC 5321), keeping up to
/// <see cref="SmtpOptions.MaxConnections"/> connected and authenticated clients: each message takes a free one
/// (waiting when all are busy), mails due together therefore go one after another over one session, and a
/// connection unused for <see cref="SmtpOptions.IdleTimeout"/> is closed with QUIT. A connection the server closed
/// while it was idle is noticed when a message is sent over it: that message is sent again once on a new
/// connection (the server had not accepted it, so a normal run still delivers it once). The server's TLS certificate must
/// be trusted by the system or chain to <see cref="SmtpOptions.TrustedCertificate"/> (<see cref="SmtpServerTrust"/>). Thread-safe singleton.
/// </summary>
public sealed partial class MailSender : IAsyncDisposable
{
    private readonly SmtpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MailSender> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<(SmtpClient Client, DateTimeOffset Since)> _idle = new();
    private readonly Lock _lock = new();
    private readonly ITimer _reaper;
    private readonly TimeSpan _idleTimeout;
    private readonly System.Net.Security.RemoteCertificateValidationCallback? _certificateCheck;
    private bool _disposed;

    /// <summary>Creates the sender; no connection is opened before the first message.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException"><see cref="SmtpOptions.TrustedCertificate"/> holds no certificate (checked at start).</exception>
    public MailSender(IOptions<SmtpOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<MailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        if (SmtpServerTrust.Resolve(_options, environment.ContentRootPath) is { } trusted)
        {
            _certificateCheck = SmtpServerTrust.Callback(SmtpServerTrust.Load(trusted));
        }

        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConnections, _options.MaxConnections);
        _idleTimeout = _options.IdleTimeoutSpan ?? TimeSpan.FromSeconds(15);
        _reaper = time.CreateTimer(_ => CloseIdle(all: false), null, _idleTimeout, _idleTimeout);
    }

    /// <summary>The sender of every mail (<see cref="SmtpOptions.From"/>).</summary>
    public MailboxAddress From => MailboxAddress.Parse(_options.From);

    /// <summary>
    /// Sends <paramref name="message"/> over a free connection (connecting and authenticating when <see cref="SmtpOptions.User"/>
    /// is set if none is open); returns once the server has accepted it.
    /// </summary>
    /// <exception cref="System.Net.Sockets.SocketException">The server cannot be reached.</exception>
    /// <exception cref="SmtpCommandException">The server refused the message or a recipient.</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke off.</exception>
    /// <exception cref="AuthenticationException">The credentials were refused.</exception>
    /// <exception cref="ObjectDisposedException">The sender was disposed (the service is stopping).</exception>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = Lease();
            if (client is not null)
            {
                try
                {
                    await client.SendAsync(message, cancellationToken);
                    Return(client);
                    return;
                }
                catch (Exception e) when (IsLostConnection(e))
                {
                    LogReconnecting(_logger, e);
                    client.Dispose();
                }
            }

            client = await ConnectAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
            Return(client);
        }
        catch
        {
            client?.Dispose();
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Closes every open connection (QUIT).</summary>
    public async ValueTask DisposeAsync()
    {
        await _reaper.DisposeAsync();
        lock (_lock)
        {
            _disposed = true;
        }

        CloseIdle(all: true);
        _slots.Dispose();
    }

    /// <summary>An idle connection the server may still hold open, or <see langword="null"/>.</summary>
    private SmtpClient? Lease()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_idle.TryPop(out var idle))
            {
                if (idle.Client.IsConnected && _time.GetUtcNow() - idle.Since < _idleTimeout)
                {
                    return idle.Client;
                }

                idle.Client.Dispose();
            }
        }

        return null;
    }

    private void Return(SmtpClient client)
    {
        lock (_lock)
        {
            if (!_disposed && client.IsConnected)
            {
                _idle.Push((client, _time.GetUtcNow()));
                return;
            }
        }

        Quit(client);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        if (_certificateCheck is not null)
        {
            client.ServerCertificateValidationCallback = _certificateCheck;
        }

        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _options.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(_options.User))
            {
                await client.AuthenticateAsync(_options.User, _options.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Closes idle connections: those unused for the idle timeout, or <paramref name="all"/>.</summary>
    private void CloseIdle(bool all)
    {
        List<SmtpClient> stale;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var kept = _idle.Where(i => !all && now - i.Since < _idleTimeout).Reverse().ToList();
            stale = [.. _idle.Where(i => all || now - i.Since >= _idleTimeout).Select(i => i.Client)];
            _idle.Clear();
            foreach (var idle in kept)
            {
                _idle.Push(idle);
            }
        }

        foreach (var client in stale)
        {
            Quit(client);
        }
    }

    private static void Quit(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                client.Disconnect(quit: true);
            }
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // The server has accepted every message sent over it: a connection lost at QUIT does not unsend them (RFC 5321 §4.1.1.10).
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// The server closed a reused connection before taking the message: the socket is gone, or it answered 421
    /// (closing the channel, RFC 5321 §3.8) and did not accept the message.
    /// </summary>
    private static bool IsLostConnection(Exception exception) =>
        exception is IOException or SmtpProtocolException or ServiceNotConnectedException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    [LoggerMessage(Level = LogLevel.Debug, Message = "The SMTP server closed an idle connection; sending on a new one")]
    private static partial void LogReconnecting(ILogger logger, Exception exception);
}
