using System.Globalization;
using Jint.Runtime;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Jint's clock pinned to the step's instant, so <c>Date.now()</c> and <c>new Date()</c> are
/// deterministic. Time zone is UTC and parsing uses the invariant culture. A pooled realm sets
/// <see cref="Now"/> before each evaluation; one evaluation runs at a time in a realm.
/// </summary>
internal sealed class FixedTimeSystem(DateTimeOffset now) : ITimeSystem
{
    private static readonly DefaultTimeSystem Utc = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);

    /// <summary>The instant the clock shows.</summary>
    public DateTimeOffset Now { get; set; } = now;

    public TimeZoneInfo DefaultTimeZone => TimeZoneInfo.Utc;

    public DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public TimeSpan GetUtcOffset(long epochMilliseconds) => TimeSpan.Zero;

    public bool TryParse(string date, out long epochMilliseconds) => Utc.TryParse(date, out epochMilliseconds);
}
