using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ApprovalFlow.Testing;

/// <summary>
/// Loopback ports for what tests and drills start (PostgreSQL clusters, service nodes, nginx, SMTP servers): any port the
/// system hands out, or, when <c>APPROVALFLOW_TEST_PORTS</c> is set (<c>first-last</c>, e.g. <c>55585-55599</c>, for a
/// machine shared by several people who each keep to a range), the first port of that range that is free at the moment of
/// asking. A port is only probed, not held: whoever asked binds it right away. Thread-safe.
/// </summary>
internal static class LoopbackPorts
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port free at the moment of asking (in the configured range, never the same one twice in a process).</summary>
    /// <exception cref="InvalidOperationException"><c>APPROVALFLOW_TEST_PORTS</c> is malformed, or none of its ports is free.</exception>
    public static int Free()
    {
        var range = Environment.GetEnvironmentVariable("APPROVALFLOW_TEST_PORTS");
        if (string.IsNullOrEmpty(range))
        {
            return Probe(0)!.Value;
        }

        var bounds = range.Split('-');
        if (bounds.Length != 2 || !int.TryParse(bounds[0], CultureInfo.InvariantCulture, out var first) || !int.TryParse(bounds[1], CultureInfo.InvariantCulture, out var last) || first > last)
        {
            throw new InvalidOperationException($"APPROVALFLOW_TEST_PORTS must be first-last, e.g. 55585-55599; it is \"{range}\".");
        }

        lock (Gate)
        {
            for (var port = first; port <= last; port++)
            {
                if (!Given.Contains(port) && Probe(port) is { } free)
                {
                    Given.Add(free);
                    return free;
                }
            }
        }

        throw new InvalidOperationException($"No port of APPROVALFLOW_TEST_PORTS {range} is free.");
    }

    private static int? Probe(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
