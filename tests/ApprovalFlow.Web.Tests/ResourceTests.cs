using System.Collections;
using System.Globalization;
using System.Resources;
using ApprovalFlow.Server.Pages;
using ApprovalFlow.Server.Pages.Account;
using ApprovalFlow.Server.Pages.Admin;
using ApprovalFlow.Server.Pages.Designer;
using ApprovalFlow.Server.Pages.Forms;
using ApprovalFlow.Server.Pages.Inbox;
using ApprovalFlow.Server.Pages.Instances;
using ApprovalFlow.Server.Pages.Migrations;
using ApprovalFlow.Server.Pages.Settings;
using ApprovalFlow.Server.Pages.Tasks;

namespace ApprovalFlow.Web.Tests;

public sealed class ResourceTests
{
    public static TheoryData<Type> Areas => [typeof(SharedTexts), typeof(AccountTexts), typeof(InboxTexts), typeof(TaskTexts), typeof(TaskActivityTexts), typeof(PlanningTexts), typeof(InstanceTexts), typeof(NotificationsTexts), typeof(AuditTexts), typeof(NotificationSettingsTexts), typeof(ApprovalFlow.Server.Pages.Definitions.DefinitionsTexts), typeof(FormsTexts), typeof(ApprovalFlow.Server.Pages.Monitor.MonitorTexts), typeof(MigrationTexts), typeof(DesignerTexts), typeof(ApprovalFlow.Server.Pages.Planning.Stakeholders.StakeholderTexts), typeof(ApprovalFlow.Server.Pages.Planning.Decisions.DecisionTexts), typeof(ApprovalFlow.Server.Pages.Planning.Sessions.SessionsTexts), typeof(ApprovalFlow.Server.Pages.Planning.Export.ExportTexts), typeof(ApprovalFlow.Server.Pages.Planning.Consolidation.ConsolidationTexts), typeof(ApprovalFlow.Server.Pages.Planning.Progress.ProgressTexts)];

    [Theory]
    [MemberData(nameof(Areas))]
    public void Every_text_of_an_area_exists_in_Persian_and_English_and_is_not_empty(Type area)
    {
        var resources = new ResourceManager(area);
        var persian = Texts(resources, "fa");
        var english = Texts(resources, "en");

        Assert.NotEmpty(persian);
        Assert.Equal(persian.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(persian.Concat(english), text => Assert.False(string.IsNullOrWhiteSpace(text.Value), $"{area.Name}.{text.Key} is empty"));
        Assert.All(persian, text => Assert.True(
            text.Key == "SwitchLanguage" || text.Value.Any(c => c is >= '\u0600' and <= '\u06FF') || !text.Value.Any(char.IsLetter),
            $"{area.Name}.{text.Key} in fa is not Persian: {text.Value}"));
    }

    private static Dictionary<string, string> Texts(ResourceManager resources, string culture)
    {
        var set = resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture} resources for {resources.BaseName}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
