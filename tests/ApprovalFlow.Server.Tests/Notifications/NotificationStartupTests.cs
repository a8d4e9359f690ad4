using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>The mail settings and templates are checked at start: a mistake stops the service with a message naming it.</summary>
[Collection(NotificationsGroup.Name)]
public class NotificationStartupTests(NotificationsFixture service)
{
    [Fact]
    public async Task ATemplateWithASyntaxError_StopsStartUp_NamingTheFileLineAndColumn()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("templates-");
        try
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(TestDatabase.RepositoryRoot(), "workflows", "templates"), "*.liquid"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            var broken = Path.Combine(folder.FullName, "task-offered.en.liquid");
            await File.WriteAllTextAsync(broken, "{% capture subject %}New task{% endcapture %}\n<p>Hello</p>\n<p>{{ tasks[0].name | }}</p>\n");
            await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Notifications:TemplatesDirectory", folder.FullName));

            var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            var invalid = Assert.IsType<InvalidTemplateException>(Flatten(exception).First(e => e is InvalidTemplateException));
            var problem = Assert.Single(invalid.Problems);
            Assert.StartsWith($"{broken} line 3, column ", problem, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task InvalidMailSettings_AreReportedAllAtOnce()
    {
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)
            .UseSetting("Smtp:Host", "")
            .UseSetting("Smtp:Port", "70000")
            .UseSetting("Smtp:From", "not an address")
            .UseSetting("Smtp:User", "mailer")
            .UseSetting("Smtp:TrustedCertificate", "no-such-ca.pem")
            .UseSetting("App:BaseUrl", "ftp://plan.test")
            .UseSetting("Notifications:RetrySchedule", "PT1M,soon")
            .UseSetting("Notifications:FoldWindow", "P1M"));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Flatten(exception).OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("Host", messages, StringComparison.Ordinal);
        Assert.Contains("Port", messages, StringComparison.Ordinal);
        Assert.Contains("Smtp:From 'not an address'", messages, StringComparison.Ordinal);
        Assert.Contains("Smtp:Password is required", messages, StringComparison.Ordinal);
        Assert.Contains("App:BaseUrl 'ftp://plan.test'", messages, StringComparison.Ordinal);
        Assert.Contains("Notifications:RetrySchedule 'PT1M,soon'", messages, StringComparison.Ordinal);
        Assert.Contains("Notifications:FoldWindow 'P1M'", messages, StringComparison.Ordinal);
        Assert.Contains("Smtp:TrustedCertificate 'no-such-ca.pem' was not found", messages, StringComparison.Ordinal);
        Assert.Contains("Smtp:TrustedCertificate is set but Smtp:Security is None", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrustedCertificateFileWithoutACertificate_StopsStartUp()
    {
        var file = Path.Combine(Path.GetTempPath(), $"not-a-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(file, "this is not a certificate\n");
        try
        {
            await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)
                .UseSetting("Smtp:Security", "StartTls")
                .UseSetting("Smtp:TrustedCertificate", file));

            var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            var failure = Assert.Single(Flatten(exception).OfType<OptionsValidationException>().SelectMany(e => e.Failures));
            Assert.StartsWith($"Smtp:TrustedCertificate '{file}' is not a readable PEM certificate: ", failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
