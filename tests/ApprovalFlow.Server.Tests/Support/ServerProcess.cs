using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>The real service as an operating-system process on loopback, for crash tests (kill -9).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(string connectionString, params (string Key, string Value)[] settings)
    {
        var port = FreePort();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(TestDatabase.RepositoryRoot(), "src", "ApprovalFlow.Server", "bin", configuration, "net10.0", "ApprovalFlow.Server.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        // Staging, not Production: the local cluster uses trust authentication, which Production refuses (ProductionGuard).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        info.Environment["ConnectionStrings__ApprovalFlow"] = connectionString;
        info.Environment["Seed__Demo"] = "false";
        info.Environment["Workflows__Directory"] = Path.Combine(Path.GetTempPath(), "approvalflow-no-workflows");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = server.CreateClient();
        await ServiceFixture.EventuallyAsync(async () =>
        {
            Assert.False(process.HasExited, $"The server exited with {(process.HasExited ? process.ExitCode : 0)} during start-up.");
            try
            {
                return (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the server process to answer /health/ready", seconds: 300); // a start-up takes minutes on a machine loaded by parallel builds
        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Ends the process at once, like a crash (SIGKILL): no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
