using System.Diagnostics;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Deploy;

/// <summary>
/// <c>deploy/install.sh --root</c> into a staging folder, from a stand-in for a published folder (the service's files
/// are not needed to lay out an installation): the release folders and <c>current</c> link, the environment file created
/// once with mode 0640, the systemd template unit (checked by <c>systemd-analyze verify</c> when the machine has it) and
/// the nginx site over the nodes (checked by <c>nginx -t</c> on a test configuration when nginx is installed).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class InstallScriptTests
{
    [Fact]
    public async Task Install_IntoAStagingRoot_LaysOutReleasesUnitAndSite_AndAnUpgradeKeepsTheEnvironmentFile()
    {
        var work = System.IO.Directory.CreateTempSubdirectory("approvalflow-install-");
        try
        {
            var stage = Path.Combine(work.FullName, "root");
            var published = Published(work.FullName, "1.0.0");
            var tls = Path.Combine(work.FullName, "tls");
            string[] options = ["--nodes", "3", "--server-name", "plan.example.org", "--tls-certificate", Path.Combine(tls, "cert.pem"), "--tls-key", Path.Combine(tls, "key.pem")];
            await RunAsync("bash", [Path.Combine(published, "deploy", "install.sh"), "--root", stage, .. options]);

            var env = Path.Combine(stage, "etc", "approvalflow", "approvalflow.env");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(env));
            Assert.Contains("App__BaseUrl=https://plan.example.org", await File.ReadAllTextAsync(env), StringComparison.Ordinal);
            await File.AppendAllTextAsync(env, "Smtp__Password=operator-secret\n");
            Assert.Equal("releases/1.0.0", new FileInfo(Path.Combine(stage, "opt", "approvalflow", "current")).LinkTarget);

            var unit = await File.ReadAllTextAsync(Path.Combine(stage, "etc", "systemd", "system", "approvalflow@.service"));
            foreach (var line in new[] { "Restart=on-failure", "NoNewPrivileges=true", "ProtectSystem=strict", "ReadWritePaths=/var/lib/approvalflow", "PrivateTmp=true", "MemoryMax=1G", "Environment=ASPNETCORE_ENVIRONMENT=Production", "EnvironmentFile=/etc/approvalflow/approvalflow.env", "User=approvalflow" })
            {
                Assert.Contains(line + "\n", unit, StringComparison.Ordinal);
            }

            Assert.Contains("/opt/approvalflow/current/ApprovalFlow.Server.dll --urls http://127.0.0.1:%i\n", unit, StringComparison.Ordinal);
            var site = await File.ReadAllTextAsync(Path.Combine(stage, "etc", "nginx", "sites-enabled", "approvalflow.conf"));
            Assert.Equal(new[] { 5001, 5002, 5003 }, site.Split('\n').Where(l => l.TrimStart().StartsWith("server 127.0.0.1:", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(':')[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.DoesNotMatch("@[A-Z_]+@", site + unit);
            Assert.Contains("client_max_body_size 11m;", site, StringComparison.Ordinal);

            // An upgrade: a new release beside the old, 'current' switched, the operator's environment file untouched.
            var next = Published(work.FullName, "1.1.0");
            await RunAsync("bash", [Path.Combine(next, "deploy", "install.sh"), "--root", stage, .. options]);
            Assert.Equal("releases/1.1.0", new FileInfo(Path.Combine(stage, "opt", "approvalflow", "current")).LinkTarget);
            Assert.True(File.Exists(Path.Combine(stage, "opt", "approvalflow", "releases", "1.0.0", "ApprovalFlow.Server.dll")));
            Assert.EndsWith("Smtp__Password=operator-secret\n", await File.ReadAllTextAsync(env), StringComparison.Ordinal);

            if (File.Exists("/usr/bin/systemd-analyze"))
            {
                var instance = Path.Combine(work.FullName, "approvalflow@5001.service");
                File.Copy(Path.Combine(stage, "etc", "systemd", "system", "approvalflow@.service"), Path.Combine(work.FullName, "approvalflow@.service"));
                var verify = await RunAsync("systemd-analyze", ["verify", instance], workingDirectory: work.FullName);
                Assert.True(verify.Error.Length == 0, $"systemd-analyze verify complains: {verify.Error}");
            }

            if (File.Exists("/usr/sbin/nginx"))
            {
                System.IO.Directory.CreateDirectory(tls);
                await RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=plan.example.org", "-keyout", Path.Combine(tls, "key.pem"), "-out", Path.Combine(tls, "cert.pem")]);
                var conf = Path.Combine(work.FullName, "nginx.conf");
                var run = work.FullName;
                await File.WriteAllTextAsync(conf, $$"""
                    pid {{run}}/nginx.pid;
                    error_log {{run}}/nginx-error.log;
                    events {}
                    http {
                        access_log off;
                        client_body_temp_path {{run}}/body;
                        proxy_temp_path {{run}}/proxy;
                        include {{stage}}/etc/nginx/sites-enabled/*.conf;
                    }
                    """);
                var test = await RunAsync("/usr/sbin/nginx", ["-t", "-c", conf]);
                Assert.Contains("test is successful", test.Error, StringComparison.Ordinal);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A stand-in for a folder of deploy/publish.sh: the installation files of this repository, an empty dll and a VERSION.</summary>
    private static string Published(string work, string version)
    {
        var folder = Path.Combine(work, $"publish-{version}");
        var deploy = Path.Combine(TestDatabase.RepositoryRoot(), "deploy");
        foreach (var file in new[] { "install.sh", "backup.sh", "restore.sh", "pgconnection.sh", "systemd/approvalflow@.service", "nginx/approvalflow.conf" })
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, "deploy", file))!);
            File.Copy(Path.Combine(deploy, file), Path.Combine(folder, "deploy", file));
        }

        File.WriteAllText(Path.Combine(folder, "ApprovalFlow.Server.dll"), string.Empty);
        File.WriteAllText(Path.Combine(folder, "VERSION"), version + "\n");
        return folder;
    }

    private static async Task<(string Output, string Error)> RunAsync(string program, string[] arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        return (await output, await error);
    }
}
