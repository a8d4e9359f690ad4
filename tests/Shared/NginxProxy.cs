using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ApprovalFlow.Testing;

/// <summary>
/// nginx in the foreground (<c>daemon off</c>) with the site of <c>deploy/nginx/approvalflow.conf</c> filled in as
/// <c>deploy/install.sh</c> fills it (the nodes in the upstream, the body limit of 11 MiB), but on a plain-HTTP loopback port:
/// the template's port-80 redirect server and its TLS lines are left out, every proxy setting is kept (linked into the
/// server tests and the drills).
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;

    private NginxProxy(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts nginx with its prefix (configuration, logs, temporary files) under <paramref name="folder"/>.</summary>
    /// <param name="folder">An existing folder of the caller's, removed by the caller.</param>
    /// <param name="nodePorts">The loopback ports of the upstream's servers.</param>
    /// <param name="readTimeout">
    /// The site's <c>proxy_read_timeout</c> in nginx's notation (<c>1s</c>) instead of the template's 60 s, for a test of the
    /// 504; <see langword="null"/> keeps the template's.
    /// </param>
    /// <exception cref="InvalidOperationException">nginx is not installed (apt-get install nginx) or refused the configuration.</exception>
    public static async Task<NginxProxy> StartAsync(string folder, IEnumerable<int> nodePorts, string? readTimeout = null)
    {
        var port = LoopbackPorts.Free();
        var prefix = Path.Combine(folder, "nginx");
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        var template = await File.ReadAllLinesAsync(Path.Combine(LocalCluster.RepositoryRoot(), "deploy", "nginx", "approvalflow.conf"));
        var site = new StringBuilder();
        var skippingRedirect = false;
        var timeoutSet = readTimeout is null;
        foreach (var line in template)
        {
            var trimmed = line.Trim();
            if (trimmed == "listen 80;")
            {
                skippingRedirect = true; // the redirect server: drop it (its "server {" line was already written)
                site.Length = site.ToString().LastIndexOf("server {", StringComparison.Ordinal);
                continue;
            }

            if (skippingRedirect)
            {
                skippingRedirect = trimmed != "}";
                continue;
            }

            if (trimmed.StartsWith("listen 443", StringComparison.Ordinal))
            {
                site.AppendLine(CultureInfo.InvariantCulture, $"    listen 127.0.0.1:{port};");
                continue;
            }

            if (trimmed.StartsWith("listen [::]:443", StringComparison.Ordinal) || trimmed.StartsWith("ssl_", StringComparison.Ordinal))
            {
                continue;
            }

            if (readTimeout is not null && trimmed == "proxy_read_timeout 60s;")
            {
                site.AppendLine(CultureInfo.InvariantCulture, $"    proxy_read_timeout {readTimeout};");
                timeoutSet = true;
                continue;
            }

            site.AppendLine(line
                .Replace("@UPSTREAM_SERVERS@", string.Join('\n', nodePorts.Select(p => $"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;")), StringComparison.Ordinal)
                .Replace("@SERVER_NAME@", "localhost", StringComparison.Ordinal)
                .Replace("@CLIENT_MAX_BODY_SIZE@", "11m", StringComparison.Ordinal)
                .Replace("@CLIENT_MAX_BODY_BYTES@", "11534336", StringComparison.Ordinal));
        }

        if (!timeoutSet)
        {
            throw new InvalidOperationException("The site template has no line \"proxy_read_timeout 60s;\" to replace.");
        }

        var conf = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{prefix}}/logs/access.log;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
            {{site}}
            }
            """);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var info = new ProcessStartInfo(nginx, ["-p", prefix, "-c", conf, "-g", "daemon off;"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("nginx is not installed: apt-get install nginx.", e);
        }

        var proxy = new NginxProxy(process, port);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return proxy;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("nginx did not listen.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The master and its worker: killing the master alone leaves the worker listening on the port.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
