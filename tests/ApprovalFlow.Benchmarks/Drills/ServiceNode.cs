using System.Diagnostics;
using System.Globalization;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// One service node: the published <c>ApprovalFlow.Server.dll</c> as an operating-system process on a fixed loopback port (so
/// nginx finds it again after a restart), in the Staging environment (the drill's cluster uses trust authentication, which
/// Production refuses), its output in <c>node-PORT.log</c> of the drill's folder. Records its peak resident memory (sampled
/// every 250 ms, and the kernel's VmHWM) and the CPU time of every process it ran, across kills and restarts.
/// </summary>
internal sealed class ServiceNode : IAsyncDisposable
{
    private readonly string _app;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _log;
    private readonly string? _cgroupProcs;
    private Process? _process;
    private CancellationTokenSource? _sampling;
    private Task? _sampler;
    private double _cpuSecondsOfEnded;

    public ServiceNode(string app, int port, IReadOnlyDictionary<string, string> settings, string folder, string? cgroupProcs = null)
    {
        _app = app;
        Port = port;
        _settings = settings;
        _log = Path.Combine(folder, $"node-{port}.log");
        _cgroupProcs = cgroupProcs;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int Starts { get; private set; }

    /// <summary>Peak resident set size in MiB over every run.</summary>
    public double PeakRssMiB { get; private set; }

    /// <summary>CPU seconds (user + system) of every run so far, the current one included.</summary>
    public double CpuSeconds => _cpuSecondsOfEnded + CurrentCpuSeconds();

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200 (up to 15 minutes: the demo seed hashes every directory member's password, slow on a loaded machine).</summary>
    /// <exception cref="InvalidOperationException">It exited or did not become ready.</exception>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? once = null)
    {
        var dll = Path.Combine(_app, "ApprovalFlow.Server.dll");
        var info = _cgroupProcs is null
            ? new ProcessStartInfo("dotnet", [dll, "--urls", BaseAddress.ToString()])
            : new ProcessStartInfo("sh", ["-c", $"echo $$ > '{_cgroupProcs}' && exec dotnet '{dll}' --urls '{BaseAddress}'"]);
        info.WorkingDirectory = _app;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        foreach (var (key, value) in _settings.Concat(once ?? new Dictionary<string, string>()))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StreamWriter(_log, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"---- start {Starts + 1} at {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        _sampling = new CancellationTokenSource();
        _sampler = SampleAsync(process, _sampling.Token);

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(15))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Node {Port} exited with {process.ExitCode} during start-up (see {_log}).");
            }

            try
            {
                if ((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"Node {Port} was not ready within 15 minutes (see {_log}).");
    }

    /// <summary>SIGKILL, as a crash: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _cpuSecondsOfEnded += CurrentCpuSeconds();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await StopSamplingAsync();
        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The process ended meanwhile.
        }
    }

    private async Task StopSamplingAsync()
    {
        if (_sampling is null || _sampler is null)
        {
            return;
        }

        await _sampling.CancelAsync();
        try
        {
            await _sampler;
        }
        catch (OperationCanceledException)
        {
        }

        _sampling.Dispose();
        _sampling = null;
    }

    private async Task SampleAsync(Process process, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var field in new[] { "VmRSS:", "VmHWM:" })
            {
                if (ProcStatusKiB(process.Id, field) is { } kib)
                {
                    PeakRssMiB = Math.Max(PeakRssMiB, kib / 1024.0);
                }
            }
        }
    }

    private double CurrentCpuSeconds()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0; // USER_HZ
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return 0;
        }
    }

    private static long? ProcStatusKiB(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
