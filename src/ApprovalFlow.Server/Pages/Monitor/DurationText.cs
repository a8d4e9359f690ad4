using ApprovalFlow.Server.Web;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Monitor;

/// <summary>
/// A length of time as people say it: its two largest units among days (24 hours), hours, minutes and
/// seconds, e.g. «۳ روز و ۴ ساعت» or "3 days, 4 hours", digits in the user's script
/// (<see cref="DisplayFormat.Number(long)"/>); under a second «کمتر از یک ثانیه». Scoped (the texts follow the request's language).
/// </summary>
public sealed class DurationText(IStringLocalizer<MonitorTexts> texts, DisplayFormat format)
{
    /// <summary><paramref name="seconds"/> (not negative) in words, rounded down to the second.</summary>
    public string Format(double seconds)
    {
        var whole = (long)Math.Floor(Math.Max(0, seconds));
        if (whole == 0)
        {
            return texts["UnderASecond"];
        }

        (long Count, string Unit)[] units = [(whole / 86_400, "Days"), (whole / 3_600 % 24, "Hours"), (whole / 60 % 60, "Minutes"), (whole % 60, "Seconds")];
        var parts = units.SkipWhile(u => u.Count == 0).Take(2).Where(u => u.Count > 0)
            .Select(u => texts[u.Count == 1 ? u.Unit + "One" : u.Unit, format.Number(u.Count)].Value);
        return string.Join(texts["UnitSeparator"].Value, parts);
    }
}
