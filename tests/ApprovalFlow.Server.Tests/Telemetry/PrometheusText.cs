using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Tests.Telemetry;

/// <summary>One scrape of <c>/metrics</c> (Prometheus text format), read into samples.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line.Trim());
            if (!match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value, StringComparer.Ordinal);
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The scrape as it came.</summary>
    public string Text { get; }

    /// <summary>Scrapes <c>/metrics</c> with <paramref name="client"/>, asserting a 200.</summary>
    public static async Task<PrometheusText> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics: {(int)response.StatusCode} {text}");
        return new PrometheusText(text);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every pair of <paramref name="labels"/> (0 when none).</summary>
    public double Value(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>Whether any sample of <paramref name="name"/> is present.</summary>
    public bool Has(string name) => _samples.Exists(s => s.Name == name);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)(\s+\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
