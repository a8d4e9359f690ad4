using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>Mashhad's planning directory (<c>deploy/seed/mashhad-directory.json</c>), as a file and as seeded.</summary>
[Collection(ServiceGroup.Name)]
public class MashhadDirectoryTests(ServiceFixture service)
{
    private static readonly string[] Levels = ["headquarters", "organization", "region"];

    [Fact]
    public void DefaultDirectoryFile_IsMashhads()
    {
        Assert.Equal("seed/mashhad-directory.json", SeedOptions.DefaultDirectoryFile);
    }

    [Fact]
    public async Task File_HasTheGroupsTheDefinitionsName()
    {
        var file = await PlanningSeed.LoadFileAsync(service);
        var ids = file.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("planning-office", ids);
        foreach (var body in PlanningVocabulary.Bodies)
        {
            Assert.Contains($"{body}-secretariat", ids);
            Assert.Contains($"{body}-chair", ids);
        }

        foreach (var theme in PlanningVocabulary.Themes)
        {
            Assert.Contains($"theme-{theme.Id}-coordinators", ids);
        }

        foreach (var wg in file.Groups.Where(g => g.Kind == PlanningGroupKinds.WorkingGroup))
        {
            var attributes = wg.Attributes!.Value;
            Assert.Equal($"{wg.Id}-secretary", attributes.GetProperty("secretaryGroup").GetString());
            Assert.Equal($"{wg.Id}-chair", attributes.GetProperty("chairGroup").GetString());
            Assert.Contains($"{wg.Id}-secretary", ids);
            Assert.Contains($"{wg.Id}-chair", ids);
        }
    }

    [Fact]
    public async Task File_EveryThemeHasWorkingGroupsAtEveryLevel_AtLeast24()
    {
        var file = await PlanningSeed.LoadFileAsync(service);
        var wgs = file.Groups.Where(g => g.Kind == PlanningGroupKinds.WorkingGroup)
            .Select(g => (Theme: g.Attributes!.Value.GetProperty("theme").GetString()!, Level: g.Attributes.Value.GetProperty("level").GetString()!))
            .ToList();

        Assert.True(wgs.Count >= 24, $"{wgs.Count} working groups");
        foreach (var theme in PlanningVocabulary.Themes)
        {
            Assert.Equal(1, wgs.Count(w => w.Theme == theme.Id && w.Level == "headquarters"));
            Assert.True(wgs.Count(w => w.Theme == theme.Id && w.Level == "organization") >= 2, theme.Id);
            Assert.True(wgs.Count(w => w.Theme == theme.Id && w.Level == "region") >= 2, theme.Id);
        }
    }

    [Fact]
    public async Task File_EveryGroupHasAMember_BodySecretariatsTwo_PersianNamesAndLocalEmails()
    {
        var file = await PlanningSeed.LoadFileAsync(service);
        var members = file.Groups.ToDictionary(g => g.Id, g => file.Users.Count(u => u.GroupsOrEmpty.Contains(g.Id)));

        Assert.All(members, m => Assert.True(m.Value >= 1, $"{m.Key} has no member"));
        Assert.All(file.Groups.Where(g => g.Kind == PlanningGroupKinds.BodySecretariat), g => Assert.True(members[g.Id] >= 2, g.Id));
        Assert.All(file.Users, u => Assert.Matches(@"^[a-z]+\.[a-z]+@approvalflow\.local$", u.Email));
        Assert.All(file.Users, u => Assert.Matches(@"^[\u0600-\u06FF\u200C ]+$", u.DisplayName));
        Assert.InRange(file.Users.Count, 24, 300);
    }

    [Fact]
    public async Task Seed_StoresKindsAttributesAndMembers()
    {
        await PlanningSeed.SeedAsync(service);
        var file = await PlanningSeed.LoadFileAsync(service);
        var fileIds = file.Groups.Select(g => g.Id).ToList();

        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var stored = await db.Groups.AsNoTracking().Where(g => fileIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Kind, g.Attributes, Members = g.Members.Count })
            .ToListAsync();

        Assert.Equal(file.Groups.Count, stored.Count);
        Assert.True(stored.Count(g => g.Kind == PlanningGroupKinds.WorkingGroup) >= 24);
        Assert.All(stored, g => Assert.True(g.Members >= 1, $"{g.Id} has no member"));
        var hq = stored.Single(g => g.Id == "wg-hq-urban-identity");
        Assert.Equal("urban-identity", hq.Attributes!.Value.GetProperty("theme").GetString());
        Assert.Equal(JsonValueKind.True, hq.Attributes.Value.GetProperty("sample").ValueKind);
        Assert.All(Levels, level => Assert.Contains(stored, g => g.Kind == PlanningGroupKinds.Unit && g.Attributes?.GetProperty("level").GetString() == level));
    }

    [Fact]
    public async Task LoadAsync_BrokenPlanningAttributes_NamesEveryProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {
              "groups": [
                { "id": "u", "name": "U", "kind": "unit", "attributes": { "level": "galaxy" } },
                { "id": "wg", "name": "WG", "kind": "working-group",
                  "attributes": { "theme": "urban-weather", "level": "region", "unit": "nowhere", "secretaryGroup": "wg-secretary", "chairGroup": "u" } },
                { "id": "wg2", "name": "WG2", "kind": "working-group" },
                { "id": "c1", "name": "C1", "kind": "theme-coordinators", "attributes": { "theme": "urban-identity", "colour": "red" } },
                { "id": "b", "name": "B", "kind": "body-chair", "attributes": { "body": "parliament" } }
              ],
              "users": []
            }
            """);
        try
        {
            var error = await Assert.ThrowsAsync<DemoSeedException>(() => DemoDirectory.LoadAsync(path, CancellationToken.None));

            Assert.Contains("unknown level 'galaxy'", error.Message, StringComparison.Ordinal);
            Assert.Contains("unknown theme 'urban-weather'", error.Message, StringComparison.Ordinal);
            Assert.Contains("unit 'nowhere' is not a group of the file", error.Message, StringComparison.Ordinal);
            Assert.Contains("secretaryGroup 'wg-secretary'", error.Message, StringComparison.Ordinal);
            Assert.Contains("Group 'wg2' needs attributes", error.Message, StringComparison.Ordinal);
            Assert.Contains("Group 'c1': attributes are not ThemeCoordinatorsAttributes", error.Message, StringComparison.Ordinal);
            Assert.Contains("unknown body 'parliament'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
