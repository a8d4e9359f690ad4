using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ApprovalFlow.Server.Hosting.Health;

/// <summary>
/// Writes a health report as JSON: <c>{"status":"Healthy","durationMs":12.5,"checks":{"database":{"status":"Healthy",
/// "description":"...","durationMs":3.1}}}</c>. Only each check's status, its own description and duration: never an
/// exception's text or data, so no connection string or host detail beyond what a check's description says.
/// </summary>
internal static class HealthReportWriter
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="context"/>'s response (<c>application/json</c>, no caching).</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
