using System.Globalization;
using System.Text;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>Addresses of routes with their parameters filled by the security fixture's data.</summary>
internal static class RouteSamples
{
    /// <summary>The address template of a route: each parameter a placeholder by its name and place (<see cref="MatrixTable"/>).</summary>
    public static string Template(string route)
    {
        var url = new StringBuilder();
        var i = 0;
        while (i < route.Length)
        {
            if (route[i] != '{')
            {
                url.Append(route[i++]);
                continue;
            }

            var end = route.IndexOf('}', i);
            var name = route[(i + 1)..end].TrimStart('*').Split(':', '?', '=')[0];
            url.Append(CultureInfo.InvariantCulture, $"{{{ParameterValue(route[..i], name)}}}");
            i = end + 1;
        }

        return url.ToString();
    }

    private static string ParameterValue(string before, string name) => name switch
    {
        "id" when before.StartsWith("/api/tasks", StringComparison.Ordinal) || before.StartsWith("/tasks", StringComparison.Ordinal) => "task",
        "id" when before.StartsWith("/api/instances", StringComparison.Ordinal) || before.StartsWith("/instances", StringComparison.Ordinal) => "instance",
        "key" => "key",
        "version" => "version",
        "businessKey" => "cycle",
        _ => "guid",
    };

    /// <summary>The address of <paramref name="template"/> with its placeholders filled from the fixture and <paramref name="data"/>.</summary>
    public static string Fill(SecurityFixture service, string template, (Guid Instance, Guid Task) data) => template
        .Replace("{task}", data.Task.ToString(), StringComparison.Ordinal)
        .Replace("{instance}", data.Instance.ToString(), StringComparison.Ordinal)
        .Replace("{key}", service.DefinitionKey, StringComparison.Ordinal)
        .Replace("{version}", "1", StringComparison.Ordinal)
        .Replace("{cycle}", service.CycleKey, StringComparison.Ordinal)
        .Replace("{guid}", "0190f2a4-0000-7000-8000-000000000001", StringComparison.Ordinal);
}
