using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ApprovalFlow.Testing;

/// <summary>
/// A real SMTP server (the <c>SmtpServer</c> package) on a loopback port of its own (shared by the server and browser
/// tests), keeping every
/// message it accepts. <see cref="StopAsync"/> takes it down (connections are then refused) and
/// <see cref="StartAsync"/> brings it back on the same port. It counts SMTP sessions (<see cref="Sessions"/>) and can
/// close one mid-batch (<see cref="CloseAtMessage"/>). Given a certificate it offers TLS: STARTTLS (RFC 3207), or implicit TLS
/// from the first byte (RFC 8314); every message it keeps carries <see cref="SecureHeader"/> saying whether its session was encrypted.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly Dropper _dropper = new();
    private int _sessions;
    private CancellationTokenSource? _stop;
    private Task? _running;

    private readonly X509Certificate2? _certificate;
    private readonly bool _implicitTls;

    private TestSmtpServer(int port, X509Certificate2? certificate, bool implicitTls)
    {
        Port = port;
        _certificate = certificate;
        _implicitTls = implicitTls;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The header the server adds to every message it accepts: the id of the SMTP session that carried it.</summary>
    public const string SessionHeader = "X-Test-Smtp-Session";

    /// <summary>The header the server adds to every message it accepts: <c>true</c> when its session was encrypted (TLS), else <c>false</c>.</summary>
    public const string SecureHeader = "X-Test-Smtp-Secure";

    /// <summary>How many SMTP sessions (connections) have been opened since the server was created.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>
    /// Makes the server drop the connection when a client begins the <paramref name="count"/>-th message from now (its
    /// <c>MAIL</c> command), before taking it: a server that shuts a connection mid-batch, between two messages.
    /// </summary>
    public void CloseAtMessage(int count) => Volatile.Write(ref _dropper.Countdown, count);

    /// <summary>Every message accepted, in order of arrival.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="certificate">The server's TLS certificate (with its private key), or <see langword="null"/> for plain SMTP only.</param>
    /// <param name="implicitTls">With a certificate: TLS from the first byte instead of STARTTLS.</param>
    public static async Task<TestSmtpServer> CreateAsync(X509Certificate2? certificate = null, bool implicitTls = false)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new TestSmtpServer(port, certificate, implicitTls);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts listening (again) on <see cref="Port"/>; returns once connections are accepted.</summary>
    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (_certificate is not null)
                {
                    endpoint.Certificate(_certificate).IsSecure(_implicitTls);
                }
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(_messages));
        _stop = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, created) =>
        {
            Interlocked.Increment(ref _sessions);
            created.Context.CommandExecuting += (_, command) =>
            {
                if (command.Command is SmtpServer.Protocol.MailCommand && Volatile.Read(ref _dropper.Countdown) > 0 && Interlocked.Decrement(ref _dropper.Countdown) == 0)
                {
                    throw new IOException("test: the server drops the connection");
                }
            };
        };
        _running = server.StartAsync(_stop.Token);
        // Wait (up to two minutes, polling) until the listener takes connections.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops listening: later connections are refused.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _running is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _stop = null;
        _running = null;
    }

    /// <summary>The messages sent to <paramref name="address"/>.</summary>
    public List<MimeMessage> To(string address) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Dropper
    {
        public int Countdown;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            message.Headers.Add(SessionHeader, context.SessionId.ToString());
            message.Headers.Add(SecureHeader, context.Pipe.IsSecure ? "true" : "false");
            messages.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
