using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// An SMTP server in this process (the <c>SmtpServer</c> package) on a fixed loopback port, which the mail drill stops (the
/// port refuses connections: a mail server outage) and starts again. Counts every accepted message by its Message-ID.
/// </summary>
internal sealed class MailCatcher : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stop;
    private Task? _listening;

    public int Port { get; } = DrillCluster.FreePort();

    /// <summary>Messages accepted, by Message-ID (without angle brackets).</summary>
    public IReadOnlyDictionary<string, int> Received => _received;

    public int Total => _received.Values.Sum();

    public void Start()
    {
        _stop = new CancellationTokenSource();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build(), services);
        _listening = server.StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null || _listening is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _listening;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _stop = null;
        _listening = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(MailCatcher catcher) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            catcher._received.AddOrUpdate(message.MessageId ?? string.Empty, 1, (_, n) => n + 1);
            return SmtpResponse.Ok;
        }
    }
}
