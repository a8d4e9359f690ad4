using System.Globalization;
using System.Xml.Linq;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Pages.Planning.Export;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The plan's strategies, executive policies and projects as StratML (Strategy Markup Language, ISO 17469):
/// a Part 2 <c>PerformancePlanOrReport</c> of <c>Type="Strategic_Plan"</c> (namespace <see cref="Namespace"/>,
/// schema version 2.2.8 of 2016-05-06, which extends the Part 1 strategic plan of ISO 17469-1 with performance
/// indicators). Each strategy is a <c>Goal</c>, each executive policy an <c>Objective</c> of the first strategy it
/// serves, each project a <c>PerformanceIndicator</c> of the first policy it carries out (its cost the target
/// <c>NumberOfUnits</c> in rials, its years the target's start and end dates); policies without a strategy and
/// projects without a policy go under one more goal. The stakeholder groups behind an item are its
/// <c>Stakeholder</c>s (generic groups); its theme and origins are in <c>OtherInformation</c>. Always Persian.
/// Scoped.
/// </summary>
/// <param name="wording">The plan's words.</param>
/// <param name="time">The clock (publication date).</param>
public sealed class PlanStratmlExport(PlanWording wording, TimeProvider time)
{
    /// <summary>The StratML Part 2 namespace.</summary>
    public const string Namespace = "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport";

    /// <summary>The MIME type of the file.</summary>
    public const string ContentType = "application/xml";

    private static readonly XNamespace S = Namespace;

    /// <summary>Writes <paramref name="plan"/> as a StratML document.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The document (UTF-8 when saved).</returns>
    public XDocument Write(PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var persian = ExportTexts.InPersian();
        var texts = wording.Texts;
        var entries = plan.Entries.ToList();
        var byId = entries.ToDictionary(e => e.Item.Id);
        PlanEntry? FirstUpstream(PlanEntry entry, PlanItemKind kind) =>
            entry.UpstreamIds.Select(id => byId[id]).FirstOrDefault(e => e.Item.Kind == kind);

        var policiesOf = entries.Where(e => e.Item.Kind == PlanItemKind.ExecutivePolicy).ToLookup(e => FirstUpstream(e, PlanItemKind.Strategy)?.Item.Id);
        var projectsOf = entries.Where(e => e.Item.Kind == PlanItemKind.Project).ToLookup(e => FirstUpstream(e, PlanItemKind.ExecutivePolicy)?.Item.Id);

        XElement Objective(PlanEntry policy) => new(
            S + "Objective",
            Common(policy, plan),
            projectsOf[policy.Item.Id].Select(p => Indicator(p, plan)));

        var goals = entries.Where(e => e.Item.Kind == PlanItemKind.Strategy)
            .Select(strategy => new XElement(S + "Goal", Common(strategy, plan), policiesOf[strategy.Item.Id].Select(Objective)))
            .ToList();
        var loosePolicies = policiesOf[null].ToList();
        var looseProjects = projectsOf[null].ToList();
        if (loosePolicies.Count > 0 || looseProjects.Count > 0 || goals.Count == 0)
        {
            goals.Add(new XElement(
                S + "Goal",
                new XElement(S + "Name", texts["StratmlLooseGoal"].Value),
                new XElement(S + "Description", texts["StratmlLooseGoalDescription"].Value),
                loosePolicies.Select(Objective),
                looseProjects.Count == 0 ? null : new XElement(
                    S + "Objective",
                    new XElement(S + "Name", texts["StratmlLooseObjective"].Value),
                    looseProjects.Select(p => Indicator(p, plan)))));
        }

        var administrative = new XElement(S + "AdministrativeInformation");
        if (plan.Cycle.FirstYear > 0 && plan.Cycle.LastYear >= plan.Cycle.FirstYear)
        {
            administrative.Add(new XElement(S + "StartDate", YearStart(plan.Cycle.FirstYear)), new XElement(S + "EndDate", YearEnd(plan.Cycle.LastYear)));
        }

        administrative.Add(new XElement(S + "PublicationDate", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                S + "PerformancePlanOrReport",
                new XAttribute("Type", "Strategic_Plan"),
                new XElement(S + "Name", plan.Cycle.Title),
                new XElement(S + "Description", texts["StratmlDescription", plan.Cycle.Title, PersianFigures.Number(entries.Count)].Value),
                new XElement(S + "OtherInformation", plan.Cycle.BusinessKey),
                new XElement(S + "StrategicPlanCore", goals),
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
            yield return new XElement(S + "Stakeholder", new XAttribute("StakeholderTypeType", "Generic_Group"), new XElement(S + "Name", PlanWording.StakeholderGroupName(group)));
        }

        yield return new XElement(S + "OtherInformation", OtherInformation(entry, plan));
    }

    private XElement Indicator(PlanEntry project, PlanContent plan)
    {
        var target = new XElement(S + "TargetResult");
        if (project.Item.StartYear is { } start)
        {
            target.Add(new XElement(S + "StartDate", YearStart(start)));
        }

        if ((project.Item.EndYear ?? project.Item.StartYear) is { } end)
        {
            target.Add(new XElement(S + "EndDate", YearEnd(end)));
        }

        if (project.Item.CostRials is { } cost)
        {
            target.Add(new XElement(S + "NumberOfUnits", cost.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrWhiteSpace(project.Item.Description))
        {
            target.Add(new XElement(S + "Description", project.Item.Description));
        }

        return new XElement(
            S + "PerformanceIndicator",
            new XAttribute("ValueChainStage", "Output"),
            new XAttribute("PerformanceIndicatorType", "Quantitative"),
            new XElement(S + "SequenceIndicator", project.Number),
            new XElement(S + "MeasurementDimension", project.Item.Title),
            new XElement(S + "UnitOfMeasurement", wording.Texts["StratmlRials"].Value),
            new XElement(S + "Identifier", Identifier(project)),
            new XElement(S + "MeasurementInstance", target),
            new XElement(S + "OtherInformation", OtherInformation(project, plan)));
    }

    private string OtherInformation(PlanEntry entry, PlanContent plan)
    {
        var texts = wording.Texts;
        var theme = plan.Themes.FirstOrDefault(t => t.Theme.Id == entry.Item.Theme)?.Theme.Name ?? entry.Item.Theme;
        var parts = new List<string> { texts["OriginTheme", theme], texts["OriginLevel", wording.LevelName(entry.Item.Level)] };
        if (PlanWording.ResponsibleUnit(entry.Item, plan) is { Length: > 0 } unit)
        {
            parts.Add(texts["OriginResponsibleUnit", unit]);
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
