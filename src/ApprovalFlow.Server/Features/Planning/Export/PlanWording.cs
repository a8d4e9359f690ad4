using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Pages;
using ApprovalFlow.Server.Pages.Planning.Export;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The words the exports and pages use for a plan's parts, in the current UI culture (wrap in
/// <see cref="ExportTexts.InPersian"/> for the Persian documents): kind headings, level and stakeholder group and
/// source names, an item's origins in brief, a project's years and cost. Figures are in Persian digits when the
/// culture is Persian. Scoped.
/// </summary>
/// <param name="texts">The export texts.</param>
/// <param name="planning">The shared planning words (levels).</param>
public sealed class PlanWording(IStringLocalizer<ExportTexts> texts, IStringLocalizer<PlanningTexts> planning)
{
    /// <summary>The export texts.</summary>
    public IStringLocalizer<ExportTexts> Texts => texts;

    /// <summary>Whether the current UI culture is Persian.</summary>
    public static bool IsPersian => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "en";

    /// <summary>The heading of a kind's items, e.g. «راهبردها».</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The plural name.</returns>
    public string KindHeading(PlanItemKind kind) => texts[$"Kinds_{kind}"];

    /// <summary>The name of one item's kind, e.g. «راهبرد».</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The singular name.</returns>
    public string KindName(PlanItemKind kind) => texts[$"Kind_{kind}"];

    /// <summary>The name of a status, e.g. «توافق‌شده».</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public string StatusName(PlanItemStatus status) => texts[$"Status_{status}"];

    /// <summary>The level's name, e.g. «ستادی»; the id when unknown.</summary>
    /// <param name="level">A level id.</param>
    /// <returns>The name.</returns>
    public string LevelName(string level) => planning[$"Level_{level}"] is { ResourceNotFound: false } name ? name.Value : level;

    /// <summary>The theme's name in the current language.</summary>
    /// <param name="theme">A theme of the cycle.</param>
    /// <returns>Its Persian or English name.</returns>
    public static string ThemeName(PlanCycleTheme theme) => IsPersian || string.IsNullOrEmpty(theme.EnglishName) ? theme.Name : theme.EnglishName;

    /// <summary>The glossary's Persian name of a stakeholder group code, or the code.</summary>
    /// <param name="code">e.g. <c>citizens</c>.</param>
    /// <returns>e.g. «شهروندان».</returns>
    public static string StakeholderGroupName(string code) => PlanningVocabulary.StakeholderGroups.FirstOrDefault(g => g.Id == code)?.Name ?? code;

    /// <summary>The glossary's Persian name of an information source code, or the code.</summary>
    /// <param name="code">e.g. <c>citizen-surveys</c>.</param>
    /// <returns>The name.</returns>
    public static string SourceName(string code) => PlanningVocabulary.InformationSources.FirstOrDefault(s => s.Id == code)?.Name ?? code;

    /// <summary>An entry's number for people: «۲-۳-۴» in Persian, <c>2-3-4</c> in English.</summary>
    /// <param name="number">A <see cref="PlanEntry.Number"/>.</param>
    /// <returns>The number.</returns>
    public static string Number(string number) => IsPersian ? PersianFigures.PlanNumber(number) : number.Replace('.', '-');

    /// <summary>A whole number in the current language's digits.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The figure.</returns>
    public static string Figure(long value) => IsPersian ? PersianFigures.Number(value) : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An amount with grouped thousands in the current language's digits.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The figure.</returns>
    public static string Amount(long value) => IsPersian ? PersianFigures.Amount(value) : value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A session date in the current language's calendar (Solar Hijri with Persian digits, or ISO).</summary>
    /// <param name="date">The Gregorian date.</param>
    /// <returns>e.g. «۱۴۰۴/۰۷/۱۵».</returns>
    public static string Date(DateOnly date) =>
        IsPersian ? SolarHijriDate.FromLocalDate(LocalDate.FromDateOnly(date)).ToPersianString() : date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A project's years, e.g. «۱۴۰۵–۱۴۰۷», or empty.</summary>
    /// <param name="item">A project.</param>
    /// <returns>The years.</returns>
    public static string Years(PlanItemRecord item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (item.StartYear, item.EndYear) switch
        {
            ({ } start, { } end) when start != end => $"{Figure(start)}–{Figure(end)}",
            ({ } start, _) => Figure(start),
            (_, { } end) => Figure(end),
            _ => string.Empty,
        };
    }

    /// <summary>A project's cost in rials with grouped digits, or empty.</summary>
    /// <param name="item">A project.</param>
    /// <returns>e.g. «۱۲٬۰۰۰٬۰۰۰٬۰۰۰».</returns>
    public static string Cost(PlanItemRecord item) => item?.CostRials is { } cost ? Amount(cost) : string.Empty;

    /// <summary>The responsible unit's name (directory group name when it is a group id), or empty.</summary>
    /// <param name="item">A project.</param>
    /// <param name="plan">The plan (group names).</param>
    /// <returns>The unit.</returns>
    public static string ResponsibleUnit(PlanItemRecord item, PlanContent plan) =>
        item?.ResponsibleUnit is { } unit ? plan.GroupName(unit) : string.Empty;

    /// <summary>
    /// An entry's origins in one line: working groups, sessions (count and dates), stakeholder groups, sources,
    /// how many items were merged into it and which items it answers, e.g. «کارگروه: …؛ جلسه‌ها: ۲ (…)؛ …».
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="plan">The plan (group names).</param>
    /// <returns>The line; empty parts are left out.</returns>
    public string OriginsBrief(PlanEntry entry, PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(plan);
        var separator = texts["ListSeparator"].Value;
        var parts = new List<string>();
        var origins = entry.Origins;
        if (entry.Upstream.Count > 0)
        {
            parts.Add(texts["OriginAnswers", string.Join(separator, entry.Upstream.Select(Number))]);
        }

        if (origins.WorkingGroups.Count > 0)
        {
            parts.Add(texts["OriginWorkingGroups", string.Join(separator, origins.WorkingGroups.Select(plan.GroupName))]);
        }

        if (origins.Sessions.Count > 0)
        {
            parts.Add(texts["OriginSessions", Figure(origins.Sessions.Count), string.Join(separator, origins.Sessions.Select(s => Date(s.Date)))]);
        }

        if (origins.StakeholderGroups.Count > 0)
        {
            parts.Add(texts["OriginStakeholders", string.Join(separator, origins.StakeholderGroups.Select(StakeholderGroupName))]);
        }

        if (origins.Sources.Count > 0)
        {
            parts.Add(texts["OriginSources", string.Join(separator, origins.Sources.Select(SourceName))]);
        }

        if (origins.Originals.Count > 0)
        {
            parts.Add(texts["OriginMerged", Figure(origins.Originals.Count)]);
        }

        return string.Join(texts["PartSeparator"].Value, parts);
    }
}
