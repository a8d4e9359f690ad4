using System.Globalization;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// A memory limit for the node's process, as systemd's <c>MemoryMax=</c> sets one: a child of this process's own cgroup
/// with <c>memory.max</c> (cgroup v2) or <c>memory.limit_in_bytes</c> (cgroup v1's memory controller); the node's start
/// command writes its pid into <see cref="ProcsFile"/>. Removed again at the end. Needs write access to the cgroup tree
/// (root in a container that mounts it read-write).
/// </summary>
internal sealed class MemoryLimit : IDisposable
{
    private readonly string _folder;
    private readonly bool _v2;

    private MemoryLimit(string folder, bool v2)
    {
        _folder = folder;
        _v2 = v2;
    }

    public string ProcsFile => Path.Combine(_folder, "cgroup.procs");

    public string Kind => _v2 ? $"cgroup v2 {_folder} memory.max" : $"cgroup v1 {_folder} memory.limit_in_bytes";

    /// <summary>The cgroup's peak memory in MiB (memory.peak / memory.max_usage_in_bytes), page cache included.</summary>
    public double PeakMiB => Read(_v2 ? "memory.peak" : "memory.max_usage_in_bytes") / 1048576.0;

    /// <summary>How often the limit was hit (v1 failcnt, v2 memory.events "max"), and OOM kills.</summary>
    public string Events => _v2
        ? string.Join(", ", File.ReadAllLines(Path.Combine(_folder, "memory.events")).Where(l => l.StartsWith("max", StringComparison.Ordinal) || l.StartsWith("oom", StringComparison.Ordinal)))
        : $"failcnt {Read("memory.failcnt")}, {File.ReadAllLines(Path.Combine(_folder, "memory.oom_control")).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal)) ?? "oom_kill ?"}";

    /// <exception cref="InvalidOperationException">Neither cgroup version can be written here; the message says why.</exception>
    public static MemoryLimit Create(long bytes)
    {
        var lines = File.ReadAllLines("/proc/self/cgroup");
        string folder;
        bool v2;
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            folder = "/sys/fs/cgroup" + lines.First(l => l.StartsWith("0::", StringComparison.Ordinal))[3..];
            v2 = true;
        }
        else if (lines.FirstOrDefault(l => l.Split(':')[1].Split(',').Contains("memory")) is { } memory && Directory.Exists("/sys/fs/cgroup/memory"))
        {
            folder = "/sys/fs/cgroup/memory" + memory.Split(':', 3)[2];
            v2 = false;
        }
        else
        {
            throw new InvalidOperationException("No cgroup memory controller is mounted: the limit cannot be set (run the node under systemd-run --scope -p MemoryMax=1G instead).");
        }

        var child = Path.Combine(folder, $"approvalflow-drill-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(child);
            File.WriteAllText(Path.Combine(child, v2 ? "memory.max" : "memory.limit_in_bytes"), bytes.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException($"The cgroup {child} cannot be created or limited ({e.Message}): run as root with the cgroup tree writable, or under systemd-run --scope -p MemoryMax=1G.", e);
        }

        return new MemoryLimit(child, v2);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder);
        }
        catch (IOException)
        {
            // A process is still in it: the kernel removes nothing while it lives.
        }
    }

    private long Read(string file) => long.Parse(File.ReadAllText(Path.Combine(_folder, file)).Trim(), CultureInfo.InvariantCulture);
}
