using System.Diagnostics;
using System.Globalization;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// CPU time used by this process (the service and the workers) and by the PostgreSQL cluster of
/// <c>deploy/postgres.sh</c> (the postmaster, its live children and those it has reaped, from <c>/proc</c>; other clusters on the
/// machine are not counted). Linux only; PostgreSQL's figure is 0 elsewhere.
/// </summary>
internal readonly record struct CpuMeter(TimeSpan Service, TimeSpan Postgres)
{
    public static CpuMeter Now()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuMeter(self.TotalProcessorTime, PostgresCpu());
    }

    public static CpuMeter operator -(CpuMeter after, CpuMeter before) => new(after.Service - before.Service, after.Postgres - before.Postgres);

    /// <summary>"CPU per completion: service 1.23 ms, PostgreSQL 0.98 ms".</summary>
    public string PerOperation(int operations) => string.Create(CultureInfo.InvariantCulture,
        $"CPU per completion: service process {Service.TotalMilliseconds / operations:F2} ms, PostgreSQL {Postgres.TotalMilliseconds / operations:F2} ms");

    private static TimeSpan PostgresCpu()
    {
        var pidFile = Path.Combine(BenchmarkDatabase.RepositoryRoot(), ".data", "postgres", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }

        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After "pid (comm) ": state=0, ppid=1, ..., utime=11, stime=12, cutime=13, cstime=14. The
                // postmaster's cutime/cstime hold the backends that have ended (pgbench's connections).
                if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }

                if (pid == postmaster)
                {
                    ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux.
    }
}
