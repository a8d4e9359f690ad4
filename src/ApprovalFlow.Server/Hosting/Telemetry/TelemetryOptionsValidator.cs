using System.Net;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/> at start-up and reports every wrong setting at once.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        foreach (var network in options.MetricsNetworks)
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                failures.Add($"Telemetry:MetricsNetworks: '{network}' is not a CIDR network such as 10.0.0.0/8 or ::1/128.");
            }
        }

        if (options.GaugeRefreshInterval < TimeSpan.FromSeconds(1) || options.GaugeRefreshInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Telemetry:GaugeRefreshInterval must be between 1 second and 10 minutes (is {options.GaugeRefreshInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
