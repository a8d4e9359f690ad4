using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Export;

/// <summary>
/// <c>GET /api/cycles/{businessKey}/export?format=stratml</c>: an ISO 17469-1 (StratML Part 1) <c>StrategicPlan</c>,
/// validated against our own strict schema of the Part 1 <c>StrategicPlan</c> structure (<c>StratML/README.md</c>).
/// </summary>
[Collection(ExportGroup.Name)]
public class PlanStratmlExportTests(ExportFixture service)
{
    private static readonly XNamespace S = PlanStratmlExport.Namespace;

    [Fact]
    public async Task Stratml_IsAPart1StrategicPlanThatValidates_WithStrategiesAsGoalsAndPoliciesAndTheirProjectsAsObjectives()
    {
        var seed = await ExportSeed.CreateAsync(service, "stratml");
        var (_, client) = await seed.MemberAsync(service);

        var response = await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}/export?format=stratml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var errors = Validate(bytes);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var document = XDocument.Load(new MemoryStream(bytes));
        var root = document.Root!;
        Assert.Equal(S + "StrategicPlan", root.Name);
        Assert.Equal(seed.Cycle.Title, (string?)root.Element(S + "Name"));
        Assert.Equal($"{seed.Cycle.Title}: راهبردها، سیاست‌های اجرایی و پروژه‌ها (۶ مورد در برنامه)", (string?)root.Element(S + "Description"));
        Assert.Equal(seed.Cycle.BusinessKey, (string?)root.Element(S + "OtherInformation"));
        var administrative = root.Element(S + "AdministrativeInformation")!;
        Assert.Equal("2026-03-21", (string?)administrative.Element(S + "StartDate"));
        Assert.Equal("2030-03-20", (string?)administrative.Element(S + "EndDate"));
        Assert.Equal(DateOnly.FromDateTime(service.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), DateOnly.Parse((string)administrative.Element(S + "PublicationDate")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith($"/api/cycles/{seed.Cycle.BusinessKey}/export?format=stratml", (string?)administrative.Element(S + "Source"), StringComparison.Ordinal);
        var core = root.Element(S + "StrategicPlanCore")!;
        Assert.Equal("شهرداری مشهد", (string?)core.Element(S + "Organization")!.Element(S + "Name"));

        // Every strategy, policy and project of the plan exactly once; no problem.
        var planned = seed.Current.Where(i => i.Kind != PlanItemKind.Problem).Select(i => $"item-{i.Id:D}").Order();
        Assert.Equal(planned, Identifiers(document).Order());

        var goals = core.Elements(S + "Goal").ToList();
        Assert.Equal(2, goals.Count);
        var strategy = goals[0];
        Assert.Equal(seed.St1.Title, (string?)strategy.Element(S + "Name"));
        Assert.Equal($"شرح {seed.St1.Title}", (string?)strategy.Element(S + "Description"));
        Assert.Equal("1.2.1", (string?)strategy.Element(S + "SequenceIndicator"));
        Assert.Equal(["شهروندان", "نخبگان شهری"], strategy.Elements(S + "Stakeholder").Select(s => (string)s.Element(S + "Name")!));
        Assert.All(strategy.Elements(S + "Stakeholder"), s => Assert.Equal("Generic_Group", (string?)s.Attribute("StakeholderTypeType")));

        // The policy, then the project that carries it out, both objectives of the strategy.
        var objectives = strategy.Elements(S + "Objective").ToList();
        Assert.Equal([seed.Pol1.Title, seed.Pr1.Title], objectives.Select(o => (string)o.Element(S + "Name")!));
        Assert.Equal(["1.3.1", "1.4.1"], objectives.Select(o => (string)o.Element(S + "SequenceIndicator")!));
        var project = objectives[1];
        var unit = project.Elements(S + "Stakeholder").Single(s => (string?)s.Attribute("StakeholderTypeType") == "Organization");
        Assert.Equal("سازمان پارک‌ها و فضای سبز", (string?)unit.Element(S + "Name"));
        var other = (string)project.Element(S + "OtherInformation")!;
        Assert.Contains("واحد مسئول: سازمان پارک‌ها و فضای سبز", other, StringComparison.Ordinal);
        Assert.Contains("سال‌های اجرا: ۱۴۰۵–۱۴۰۷", other, StringComparison.Ordinal);
        Assert.Contains($"هزینه تقریبی: {PersianFigures.Amount(ExportSeed.Pr1Cost)} ریال", other, StringComparison.Ordinal);
        Assert.Contains($"در پاسخ به {PersianFigures.PlanNumber("1.3.1")}", other, StringComparison.Ordinal);

        // The project without a policy stands under the goal of loose items.
        var loose = goals[1];
        Assert.Equal("سیاست‌ها و پروژه‌های بدون راهبرد", (string?)loose.Element(S + "Name"));
        var looseProject = Assert.Single(loose.Elements(S + "Objective"));
        Assert.Equal(seed.Pr2.Title, (string?)looseProject.Element(S + "Name"));
        Assert.Equal("اداره کل بازارها", (string?)looseProject.Elements(S + "Stakeholder").Single().Element(S + "Name"));
        Assert.Contains("سال‌های اجرا: ۱۴۰۶", (string)looseProject.Element(S + "OtherInformation")!, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Descendants(S + "Name"), n => n.Value == seed.P1.Title);
    }

    [Fact]
    public async Task Stratml_OfACycleWithoutItems_StillValidates()
    {
        var seed = await ExportSeed.CreateAsync(service, "stratml-empty");
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlow.Server.Data.ApprovalFlowDbContext>();
            var empty = new PlanCycleRecord
            {
                Id = Guid.CreateVersion7(), BusinessKey = seed.Cycle.BusinessKey + "-empty", Title = "چرخه خالی", Themes = seed.Cycle.Themes,
                Status = PlanCycleStatus.Preparing, CreatedBy = "system", CreatedAt = DateTimeOffset.UtcNow,
            };
            db.PlanCycles.Add(empty);
            await db.SaveChangesAsync();
        }

        var (_, client) = await seed.MemberAsync(service);
        var bytes = await (await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}-empty/export?format=stratml")).Content.ReadAsByteArrayAsync();

        Assert.Empty(Validate(bytes));
        Assert.Empty(Identifiers(XDocument.Load(new MemoryStream(bytes))));
    }

    [Fact]
    public async Task Schema_IsStrict_ARenamedElementSwappedSiblingsDeeperNestingAWrongStakeholderTypeOrARepeatedIdentifierFail()
    {
        var seed = await ExportSeed.CreateAsync(service, "stratml-strict");
        var (_, client) = await seed.MemberAsync(service);
        var bytes = await client.GetByteArrayAsync($"/api/cycles/{seed.Cycle.BusinessKey}/export?format=stratml");
        Assert.Empty(Validate(bytes));
        var goalIdentifier = (string)Goal(XDocument.Load(new MemoryStream(bytes))).Element(S + "Identifier")!;

        // Each change alone makes the otherwise valid export fail, and the error names what is wrong.
        Assert.Contains(Validate(Changed(bytes, d => Goal(d).Element(S + "SequenceIndicator")!.Name = S + "Sequence")), e => e.Contains("'Sequence'", StringComparison.Ordinal));
        Assert.Contains(Validate(Changed(bytes, d => Swap(Goal(d).Element(S + "Name")!, Goal(d).Element(S + "Description")!))), e => e.Contains("'Description'", StringComparison.Ordinal));
        Assert.Contains(Validate(Changed(bytes, d => Swap(Administrative(d).Element(S + "StartDate")!, Administrative(d).Element(S + "EndDate")!))), e => e.Contains("'StartDate'", StringComparison.Ordinal));
        Assert.Contains(Validate(Changed(bytes, d => Goal(d).Elements(S + "Objective").First().Add(new XElement(S + "Objective", new XElement(S + "Name", "x"))))), e => e.Contains("'Objective'", StringComparison.Ordinal));
        Assert.Contains(Validate(Changed(bytes, d => Goal(d).Element(S + "Stakeholder")!.SetAttributeValue("StakeholderTypeType", "Group"))), e => e.Contains("StakeholderTypeType", StringComparison.Ordinal));
        Assert.Contains(Validate(Changed(bytes, d => Goal(d).Elements(S + "Objective").First().Element(S + "Identifier")!.Value = goalIdentifier)), e => e.Contains(goalIdentifier, StringComparison.Ordinal));
        Assert.Contains(Validate(Changed(bytes, d => Administrative(d).Element(S + "PublicationDate")!.Value = "1405-01-01T00:00")), e => e.Contains("PublicationDate", StringComparison.Ordinal));
    }

    /// <summary>The schema errors and warnings of StratML file <paramref name="bytes"/> against our Part 1 XSD; empty when it validates.</summary>
    internal static List<string> Validate(byte[] bytes)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(PlanStratmlExport.Namespace, Path.Combine(AppContext.BaseDirectory, "Planning", "Export", "StratML", "StrategicPlan.iso17469-1.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    /// <summary>StratML file <paramref name="bytes"/> after <paramref name="change"/>, saved again.</summary>
    private static byte[] Changed(byte[] bytes, Action<XDocument> change)
    {
        var document = XDocument.Load(new MemoryStream(bytes));
        change(document);
        using var changed = new MemoryStream();
        document.Save(changed);
        return changed.ToArray();
    }

    /// <summary>The first goal of <paramref name="document"/> (a strategy with stakeholders and objectives).</summary>
    private static XElement Goal(XDocument document) => document.Root!.Element(S + "StrategicPlanCore")!.Element(S + "Goal")!;

    private static XElement Administrative(XDocument document) => document.Root!.Element(S + "AdministrativeInformation")!;

    /// <summary>Swaps siblings <paramref name="first"/> and <paramref name="second"/> (<paramref name="first"/> comes first).</summary>
    private static void Swap(XElement first, XElement second)
    {
        var copy = new XElement(first);
        first.ReplaceWith(new XElement(second));
        second.ReplaceWith(copy);
    }

    /// <summary>The <c>Identifier</c>s of the goals and objectives of StratML <paramref name="document"/> (<c>item-</c> and a plan item's id).</summary>
    internal static List<string> Identifiers(XDocument document) =>
        [.. document.Descendants().Where(e => e.Name == S + "Goal" || e.Name == S + "Objective").Select(e => (string?)e.Element(S + "Identifier")).OfType<string>()];
}
