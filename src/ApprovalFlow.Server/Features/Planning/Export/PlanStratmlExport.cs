using System.Globalization;
using System.Xml.Linq;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Pages.Planning.Export;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The plan's strategies, executive policies and projects as a StratML strategic plan (Strategy Markup Language,
/// ISO 17469-1:2015, Part 1: <c>StrategicPlan</c> of namespace <see cref="Namespace"/>, schema version 1.1 of
/// 2014-04-01). The <c>StrategicPlanCore</c> names the municipality as its <c>Organization</c>; each strategy is a
/// <c>Goal</c>; each executive policy an <c>Objective</c> of the first strategy it serves, followed by the projects
/// that carry it out first, each an <c>Objective</c> too (Part 1 nests no deeper); policies without a strategy and
/// projects without a policy go under one more goal. Every goal and objective has the item's title, description,
/// <c>Identifier</c> (<c>item-</c> and its id), plan number as <c>SequenceIndicator</c>, the stakeholder groups of
/// its sessions as <c>Generic_Group</c> <c>Stakeholder</c>s (and a project's responsible unit as an
/// <c>Organization</c> stakeholder), and its theme, level, years, rough cost in rials and origins in
/// <c>OtherInformation</c>. <c>AdministrativeInformation</c> gives the cycle's Solar Hijri years as Gregorian ISO
/// dates (first day of the first year, last day of the last), the publication date (today, UTC) and the
/// document's address as <c>Source</c>. Always Persian. Scoped.
/// </summary>
/// <param name="wording">The plan's words.</param>
/// <param name="time">The clock (publication date).</param>
public sealed class PlanStratmlExport(PlanWording wording, TimeProvider time)
{
    /// <summary>The StratML Part 1 (ISO 17469-1) namespace.</summary>
    public const string Namespace = "urn:ISO:std:iso:17469:tech:xsd:stratml_core";

    /// <summary>The MIME type of the file.</summary>
    public const string ContentType = "application/xml";

    private static readonly XNamespace S = Namespace;

    /// <summary>Writes <paramref name="plan"/> as a StratML strategic plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="source">The document's own address (the export's absolute URL), its <c>Source</c>.</param>
    /// <returns>The document (UTF-8 when saved).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="source"/> is null.</exception>
    public XDocument Write(PlanContent plan, Uri source)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        using var persian = ExportTexts.InPersian();
        var texts = wording.Texts;
        var entries = plan.Entries.ToList();
        var byId = entries.ToDictionary(e => e.Item.Id);
        PlanEntry? FirstUpstream(PlanEntry entry, PlanItemKind kind) =>
            entry.UpstreamIds.Select(id => byId[id]).FirstOrDefault(e => e.Item.Kind == kind);

        var policiesOf = entries.Where(e => e.Item.Kind == PlanItemKind.ExecutivePolicy).ToLookup(e => FirstUpstream(e, PlanItemKind.Strategy)?.Item.Id);
        var projectsOf = entries.Where(e => e.Item.Kind == PlanItemKind.Project).ToLookup(e => FirstUpstream(e, PlanItemKind.ExecutivePolicy)?.Item.Id);
        IEnumerable<XElement> Objectives(IEnumerable<PlanEntry> policies) =>
            policies.SelectMany(policy => projectsOf[policy.Item.Id].Prepend(policy)).Select(e => new XElement(S + "Objective", Common(e, plan)));

        var goals = entries.Where(e => e.Item.Kind == PlanItemKind.Strategy)
            .Select(strategy => new XElement(S + "Goal", Common(strategy, plan), Objectives(policiesOf[strategy.Item.Id])))
            .ToList();
        var loose = Objectives(policiesOf[null]).Concat(projectsOf[null].Select(p => new XElement(S + "Objective", Common(p, plan)))).ToList();
        if (loose.Count > 0 || goals.Count == 0)
        {
            goals.Add(new XElement(
                S + "Goal",
                new XElement(S + "Name", texts["StratmlLooseGoal"].Value),
                new XElement(S + "Description", texts["StratmlLooseGoalDescription"].Value),
                loose));
        }

        var administrative = new XElement(S + "AdministrativeInformation");
        if (plan.Cycle.FirstYear > 0 && plan.Cycle.LastYear >= plan.Cycle.FirstYear)
        {
            administrative.Add(new XElement(S + "StartDate", YearStart(plan.Cycle.FirstYear)), new XElement(S + "EndDate", YearEnd(plan.Cycle.LastYear)));
        }

        administrative.Add(
            new XElement(S + "PublicationDate", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new XElement(S + "Source", source.AbsoluteUri));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                S + "StrategicPlan",
                new XElement(S + "Name", plan.Cycle.Title),
                new XElement(S + "Description", texts["StratmlDescription", plan.Cycle.Title, PersianFigures.Number(entries.Count)].Value),
                new XElement(S + "OtherInformation", plan.Cycle.BusinessKey),
                new XElement(S + "StrategicPlanCore", new XElement(S + "Organization", new XElement(S + "Name", texts["StratmlOrganization"].Value)), goals),
                administrative));
    }

    /// <summary>Name, Description, Identifier, SequenceIndicator, Stakeholders and OtherInformation, in the schema's order (Goal and Objective share it).</summary>
    private IEnumerable<XElement> Common(PlanEntry entry, PlanContent plan)
    {
        yield return new XElement(S + "Name", entry.Item.Title);
        yield return new XElement(S + "Description", entry.Item.Description ?? string.Empty);
        yield return new XElement(S + "Identifier", Identifier(entry));
        yield return new XElement(S + "SequenceIndicator", entry.Number);
        foreach (var group in entry.Origins.StakeholderGroups)
        {
            yield return Stakeholder("Generic_Group", PlanWording.StakeholderGroupName(group));
        }

        if (PlanWording.ResponsibleUnit(entry.Item, plan) is { Length: > 0 } unit)
        {
            yield return Stakeholder("Organization", unit);
        }

        yield return new XElement(S + "OtherInformation", OtherInformation(entry, plan));
    }

    private static XElement Stakeholder(string type, string name) =>
        new(S + "Stakeholder", new XAttribute("StakeholderTypeType", type), new XElement(S + "Name", name));

    private string OtherInformation(PlanEntry entry, PlanContent plan)
    {
        var texts = wording.Texts;
        var theme = plan.Themes.FirstOrDefault(t => t.Theme.Id == entry.Item.Theme)?.Theme.Name ?? entry.Item.Theme;
        var parts = new List<string> { texts["OriginTheme", theme], texts["OriginLevel", wording.LevelName(entry.Item.Level)] };
        if (PlanWording.ResponsibleUnit(entry.Item, plan) is { Length: > 0 } unit)
        {
            parts.Add(texts["OriginResponsibleUnit", unit]);
        }

        if (PlanWording.Years(entry.Item) is { Length: > 0 } years)
        {
            parts.Add(texts["StratmlProjectYears", years]);
        }

        if (PlanWording.Cost(entry.Item) is { Length: > 0 } cost)
        {
            parts.Add(texts["StratmlProjectCost", cost]);
        }

        if (wording.OriginsBrief(entry, plan) is { Length: > 0 } origins)
        {
            parts.Add(origins);
        }

        return string.Join(texts["PartSeparator"].Value, parts);
    }

    /// <summary>An <c>xsd:ID</c> for the item: <c>item-</c> and its id.</summary>
    private static string Identifier(PlanEntry entry) => $"item-{entry.Item.Id:D}";

    /// <summary>The first day (Nowruz) of Solar Hijri <paramref name="year"/> as an ISO date.</summary>
    private static string YearStart(int year) =>
        new SolarHijriDate(year, 1, 1).ToLocalDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last day of Solar Hijri <paramref name="year"/> as an ISO date.</summary>
    private static string YearEnd(int year) =>
        new SolarHijriDate(year, 12, SolarHijriDate.DaysInMonth(year, 12)).ToLocalDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
