using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Export;

/// <summary><c>GET /api/cycles/{businessKey}/export?format=stratml</c> against the StratML Part 2 schema (<c>StratML/README.md</c>).</summary>
[Collection(ExportGroup.Name)]
public class PlanStratmlExportTests(ExportFixture service)
{
    private static readonly XNamespace S = PlanStratmlExport.Namespace;

    [Fact]
    public async Task Stratml_ValidatesAgainstTheXsd_WithStrategiesAsGoalsPoliciesAsObjectivesAndProjectsAsIndicators()
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
        Assert.Equal(S + "PerformancePlanOrReport", root.Name);
        Assert.Equal("Strategic_Plan", (string?)root.Attribute("Type"));
        Assert.Equal(seed.Cycle.Title, (string?)root.Element(S + "Name"));
        Assert.Equal("2026-03-21", (string?)root.Element(S + "AdministrativeInformation")!.Element(S + "StartDate"));
        Assert.Equal("2030-03-20", (string?)root.Element(S + "AdministrativeInformation")!.Element(S + "EndDate"));

        var goals = root.Element(S + "StrategicPlanCore")!.Elements(S + "Goal").ToList();
        Assert.Equal(2, goals.Count);
        var strategy = goals[0];
        Assert.Equal(seed.St1.Title, (string?)strategy.Element(S + "Name"));
        Assert.Equal("1.2.1", (string?)strategy.Element(S + "SequenceIndicator"));
        Assert.Equal(["شهروندان", "نخبگان شهری"], strategy.Elements(S + "Stakeholder").Select(s => (string)s.Element(S + "Name")!));
        var policy = Assert.Single(strategy.Elements(S + "Objective"));
        Assert.Equal(seed.Pol1.Title, (string?)policy.Element(S + "Name"));
        var project = Assert.Single(policy.Elements(S + "PerformanceIndicator"));
        Assert.Equal(seed.Pr1.Title, (string?)project.Element(S + "MeasurementDimension"));
        var target = project.Element(S + "MeasurementInstance")!.Element(S + "TargetResult")!;
        Assert.Equal("12000000000", (string?)target.Element(S + "NumberOfUnits"));
        Assert.Equal("2026-03-21", (string?)target.Element(S + "StartDate"));
        Assert.Equal("2029-03-19", (string?)target.Element(S + "EndDate"));
        Assert.Contains("سازمان پارک‌ها و فضای سبز", (string?)project.Element(S + "OtherInformation"), StringComparison.Ordinal);

        // The project without a policy stands under the goal of loose items.
        var loose = goals[1];
        Assert.Equal(seed.Pr2.Title, (string?)loose.Descendants(S + "PerformanceIndicator").Single().Element(S + "MeasurementDimension"));
        Assert.DoesNotContain(document.Descendants(S + "Name"), n => n.Value == seed.P1.Title);
    }

    [Fact]
    public async Task Stratml_OfACycleWithoutItems_StillValidates()
    {
        var seed = await ExportSeed.CreateAsync(service, "stratml-empty");
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlow.Server.Data.ApprovalFlowDbContext>();
            var empty = new ApprovalFlow.Server.Features.Planning.Data.PlanCycleRecord
            {
                Id = Guid.CreateVersion7(), BusinessKey = seed.Cycle.BusinessKey + "-empty", Title = "چرخه خالی", Themes = seed.Cycle.Themes,
                Status = ApprovalFlow.Server.Features.Planning.Data.PlanCycleStatus.Preparing, CreatedBy = "system", CreatedAt = DateTimeOffset.UtcNow,
            };
            db.PlanCycles.Add(empty);
            await db.SaveChangesAsync();
        }

        var (_, client) = await seed.MemberAsync(service);
        var bytes = await (await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}-empty/export?format=stratml")).Content.ReadAsByteArrayAsync();

        Assert.Empty(Validate(bytes));
    }

    /// <summary>The schema errors and warnings of StratML file <paramref name="bytes"/> against the committed Part 2 XSD; empty when it validates.</summary>
    internal static List<string> Validate(byte[] bytes)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(PlanStratmlExport.Namespace, Path.Combine(AppContext.BaseDirectory, "Planning", "Export", "StratML", "PerformancePlanOrReport-2016-05-06.xsd"));
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
}
