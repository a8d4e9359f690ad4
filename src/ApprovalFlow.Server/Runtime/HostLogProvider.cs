using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// Hangfire's log provider for a host: Hangfire keeps one provider per process, set by the host configured
/// last, and a disposed host's logger factory throws <see cref="ObjectDisposedException"/> (tests run several
/// hosts in one process), which would fail the other hosts' start-ups and jobs. This one logs through the
/// host's factory and, once that is disposed, logs nothing instead. Thread-safe.
/// </summary>
/// <param name="loggerFactory">The host's logger factory.</param>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    /// <inheritdoc />
    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return NoLog.Instance;
        }
    }

    private sealed class NoLog : ILog
    {
        public static readonly NoLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}
