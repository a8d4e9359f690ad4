using System.Globalization;
using ApprovalFlow.Testing;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// A drill's installation on this machine: its own PostgreSQL cluster, an SMTP server, N service nodes of the published
/// release on one database and nginx in front of them. The first node seeds the demo directory (officials and the process
/// owner, password <see cref="Password"/>); mails are not folded (<c>Notifications:FoldWindow</c> 0) so each task has its own.
/// </summary>
internal sealed class DrillSite : IAsyncDisposable
{
    public const string Password = "Demo!2345";

    private DrillSite(string folder, DrillCluster cluster, MailCatcher mail, IReadOnlyList<ServiceNode> nodes, NginxProxy? nginx)
    {
        Folder = folder;
        Cluster = cluster;
        Mail = mail;
        Nodes = nodes;
        Nginx = nginx;
    }

    public string Folder { get; }

    public DrillCluster Cluster { get; }

    public MailCatcher Mail { get; }

    public IReadOnlyList<ServiceNode> Nodes { get; }

    public NginxProxy? Nginx { get; }

    /// <summary>nginx's address, or the first node's without nginx.</summary>
    public Uri BaseAddress => Nginx?.BaseAddress ?? Nodes[0].BaseAddress;

    public static async Task<DrillSite> StartAsync(DrillOptions options, int nodes, bool nginx, IReadOnlyDictionary<string, string>? settings = null, string? cgroupProcs = null, bool mailUp = true)
    {
        var folder = Directory.CreateTempSubdirectory("approvalflow-drill-").FullName;
        var cluster = await DrillCluster.StartAsync();
        var mail = new MailCatcher();
        if (mailUp)
        {
            mail.Start();
        }

        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:ApprovalFlow"] = cluster.ConnectionString,
            ["App:BaseUrl"] = "https://plan.example.test",
            ["Seed:Demo"] = "false",
            ["Workflows:Directory"] = Directory.CreateDirectory(Path.Combine(folder, "no-workflows")).FullName,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Notifications:FoldWindow"] = "PT0S",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            common[key] = value;
        }

        var started = new List<ServiceNode>();
        NginxProxy? proxy;
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                var node = new ServiceNode(options.App, DrillCluster.FreePort(), common, folder, cgroupProcs);
                started.Add(node);
                await node.StartAsync(i == 0 ? new Dictionary<string, string> { ["Seed:Demo"] = "true", ["Seed:DemoPassword"] = Password } : null);
            }

            proxy = nginx ? await NginxProxy.StartAsync(folder, started.Select(n => n.Port)) : null;
        }
        catch
        {
            await new DrillSite(folder, cluster, mail, started, null).DisposeAsync();
            throw;
        }

        Console.WriteLine($"  folder {folder}; PostgreSQL 127.0.0.1:{cluster.Port}; SMTP 127.0.0.1:{mail.Port}; nodes {string.Join(", ", started.Select(n => n.Port))}"
            + (proxy is null ? string.Empty : $"; nginx {proxy.BaseAddress}"));
        return new DrillSite(folder, cluster, mail, started, proxy);
    }

    /// <summary>"node 5001: 2 starts, peak RSS 412 MiB, 88.1 CPU-s (0.31 core over 285 s)".</summary>
    public void PrintNodes(TimeSpan over)
    {
        foreach (var node in Nodes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  node {node.Port}: {node.Starts} starts, peak RSS {node.PeakRssMiB:F0} MiB, {node.CpuSeconds:F1} CPU-s ({node.CpuSeconds / over.TotalSeconds:F2} core over {over.TotalSeconds:F0} s)"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Mail.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
