using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ApprovalFlow.Benchmarks.Durable;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ApprovalFlow.Benchmarks.Mail;

/// <summary>
/// The mail run (issue 10): the service on a fresh database sends through an in-process SMTP server
/// (the <c>SmtpServer</c> package, loopback). Prints (1) notifications delivered per second, from the
/// commit of one step that writes <see cref="MailOptions.Mails"/> of them to the last one accepted by
/// the SMTP server (Hangfire jobs, MailKit, one connection per mail), and (2) the added cost per engine
/// step that writes notifications: the mean latency of starting an instance whose task is offered to a
/// group of <see cref="MailOptions.Recipients"/> members against one offered to a group without members.
/// Asserts nothing.
/// </summary>
internal static class MailBenchmark
{
    public static async Task<int> RunAsync(MailOptions options)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(options.Keep, "approvalflow_mailbench");
        var received = 0;
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var smtp = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            Services(new CountingStore(() => Interlocked.Increment(ref received))));
        var listening = smtp.StartAsync(stop.Token);
        await using var host = await ServiceHost.StartAsync(database.ConnectionString, web => web
            .UseSetting("Smtp:Host", "127.0.0.1").UseSetting("Smtp:Port", port.ToString(CultureInfo.InvariantCulture)).UseSetting("Smtp:Security", "None")
            .UseSetting("Notifications:FoldWindow", "PT0S"));
        Console.WriteLine($"Mail benchmark: {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, database {database.Name}, SMTP 127.0.0.1:{port}");

        // 1. Delivery.
        await GroupAsync(host, "everyone", options.Mails);
        var everyone = await DeployAsync(host, "mail-everyone", "everyone");
        var runner = host.Services.GetRequiredService<InstanceRunner>();
        var clock = Stopwatch.StartNew();
        await runner.StartAsync(everyone, null, null, null, CancellationToken.None);
        var committed = clock.Elapsed;
        while (Volatile.Read(ref received) < options.Mails)
        {
            await Task.Delay(50);
        }

        var delivered = clock.Elapsed;
        Console.WriteLine($"1. Delivery: one step wrote {options.Mails} notifications in {committed.TotalMilliseconds:F0} ms; all accepted by the SMTP server after {delivered.TotalSeconds:F1} s: "
            + $"{options.Mails / (delivered - committed).TotalSeconds:F0} notifications/s (Hangfire workers, MailSender's pooled SMTP connections)");

        // 2. Added cost per step.
        await GroupAsync(host, "nobody", 0);
        await GroupAsync(host, "few", options.Recipients);
        var without = await DeployAsync(host, "mail-none", "nobody");
        var with = await DeployAsync(host, "mail-few", "few");
        await StepsAsync(runner, without, 20);
        await StepsAsync(runner, with, 20);
        var plain = await StepsAsync(runner, without, options.Steps);
        var mailing = await StepsAsync(runner, with, options.Steps);
        Console.WriteLine($"2. Engine step (start → one user task offered to a group), mean of {options.Steps}, one at a time: {plain:F2} ms without notifications, "
            + $"{mailing:F2} ms writing {options.Recipients}: +{mailing - plain:F2} ms per step, +{(mailing - plain) / options.Recipients:F3} ms per notification");

        await stop.CancelAsync();
        try
        {
            await listening;
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static async Task<double> StepsAsync(InstanceRunner runner, DeployedDefinition definition, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await runner.StartAsync(definition, null, null, null, CancellationToken.None);
        }

        return clock.Elapsed.TotalMilliseconds / count;
    }

    /// <summary>A group of <paramref name="members"/> users with addresses (inserted directly: they only receive mail).</summary>
    private static async Task GroupAsync(ServiceHost host, string group, int members)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.Groups.Add(new DirectoryGroup { Id = group, Name = group, Kind = "bench" });
        var users = Enumerable.Range(0, members).Select(i => $"{group}{i}@bench.local")
            .Select(email => new ApplicationUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), DisplayName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString() })
            .ToList();
        db.Users.AddRange(users);
        db.Memberships.AddRange(users.Select(u => new GroupMembership { GroupId = group, UserId = u.Id }));
        await db.SaveChangesAsync();
    }

    private static async Task<DeployedDefinition> DeployAsync(ServiceHost host, string key, string group)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync($$"""
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="{{key}}" isExecutable="true">
                    <bpmn:startEvent id="s" />
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
                    <bpmn:userTask id="t1" name="Review" camunda:candidateGroups="{{group}}" />
                    <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="e" />
                    <bpmn:endEvent id="e" />
                  </bpmn:process>
                </bpmn:definitions>
                """, DefinitionDeployer.SystemUser, CancellationToken.None);
        }

        return await host.Services.GetRequiredService<DefinitionCatalog>().FindAsync(key, null, CancellationToken.None)
            ?? throw new InvalidOperationException($"{key} did not deploy.");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static SmtpServer.ComponentModel.ServiceProvider Services(IMessageStore store)
    {
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        return services;
    }

    private sealed class CountingStore(Action received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            received();
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
