using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>
/// The comparison of two versions <c>/definitions/{key}/compare?from=&amp;to=</c> (admins and process owners):
/// both diagrams side by side in the compare island (bpmn-js-differ), which marks and lists the added,
/// removed, changed and moved elements. Without <c>to</c> it takes the latest version, without <c>from</c> the one before <c>to</c>. A <c>from</c> or <c>to</c> that is no number or no version of the key shows the page with
/// the error (400 and 404); an unknown key is a 404 page.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class CompareModel(ApprovalFlowDbContext db) : PageModel
{
    /// <summary>The element types the list of changes names (bpmn-moddle types without <c>bpmn:</c>), each a <c>Type_</c> text.</summary>
    public static readonly string[] ElementTypes =
    [
        "UserTask", "ServiceTask", "SendTask", "ReceiveTask", "ScriptTask", "BusinessRuleTask", "ManualTask", "Task", "CallActivity", "SubProcess",
        "StartEvent", "EndEvent", "IntermediateCatchEvent", "IntermediateThrowEvent", "BoundaryEvent",
        "ExclusiveGateway", "ParallelGateway", "InclusiveGateway", "EventBasedGateway",
        "SequenceFlow", "MessageFlow", "Association", "Participant", "Lane", "Process", "TextAnnotation", "Group", "DataObjectReference", "DataStoreReference", "other",
    ];

    /// <summary>The attributes the list of changes names (bpmn-moddle property names), each an <c>Attr_</c> text.</summary>
    public static readonly string[] Attributes =
    [
        "name", "candidateGroups", "candidateUsers", "assignee", "dueDate", "followUpDate", "priority", "formKey", "sourceRef", "targetRef",
        "conditionExpression", "default", "calledElement", "topic", "documentation", "loopCharacteristics", "eventDefinitions", "attachedToRef",
        "cancelActivity", "isExecutable", "property", "extensionElements", "other",
    ];

    /// <summary>The other texts the compare island uses.</summary>
    public static readonly string[] IslandTexts =
    [
        "Change_added", "Change_removed", "Change_changed", "Change_moved", "Change_set", "Change_unset", "Change_other",
        "Kind_added", "Kind_removed", "Kind_changed", "Kind_moved", "FlowName", "Empty", "Something", "NoChanges", "ChangeCount",
    ];

    /// <summary>The definition key.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The latest version's process name, its key when it has none.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>Every version number, newest first (the pickers).</summary>
    public IReadOnlyList<int> Versions { get; private set; } = [];

    /// <summary>The older side, or <see langword="null"/> when <see cref="Error"/> is set.</summary>
    public int? From { get; private set; }

    /// <summary>The newer side, or <see langword="null"/> when <see cref="Error"/> is set.</summary>
    public int? To { get; private set; }

    /// <summary>Why nothing is compared, as a resource key of <see cref="DefinitionsTexts"/>, or <see langword="null"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>What the user asked for, echoed in the error.</summary>
    public string? Asked { get; private set; }

    /// <summary>The Persian (or English) names of the directory groups either version names, by group id, for the list of changes.</summary>
    public IReadOnlyDictionary<string, string> GroupNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>Compares <paramref name="from"/> with <paramref name="to"/> (version numbers as typed).</summary>
    public async Task<IActionResult> OnGetAsync(string key, string? from, string? to, CancellationToken cancellationToken)
    {
        if ((await DefinitionsApi.GetVersionsAsync(key, db, cancellationToken)).Result is not Ok<List<DefinitionVersionResponse>> { Value: { } versions })
        {
            return NotFound();
        }

        Key = key;
        Name = versions[^1].Name ?? key;
        Versions = [.. versions.Select(v => v.Version).OrderDescending()];
        var latest = Versions[0];
        var (toVersion, toError) = Pick(to, latest);
        var (fromVersion, fromError) = Pick(from, (toVersion ?? latest) - 1);
        Error = fromError ?? toError;
        if (Error is null && fromVersion is < 1)
        {
            Error = "CompareOnlyOne";
        }

        if (Error is not null)
        {
            Response.StatusCode = Error == "CompareNotNumber" ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
            return Page();
        }

        From = fromVersion;
        To = toVersion;
        var files = await db.Definitions.AsNoTracking().Where(d => d.Key == key && (d.Version == From || d.Version == To)).Select(d => d.BpmnXml).ToListAsync(cancellationToken);
        var groups = files.SelectMany(f => DefinitionFacts.CandidateGroups(DefinitionFacts.UserTasks(f, key))).Distinct(StringComparer.Ordinal).ToList();
        GroupNames = await db.Groups.AsNoTracking().Where(g => groups.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        return Page();

        (int? Version, string? Error) Pick(string? typed, int fallback)
        {
            if (string.IsNullOrWhiteSpace(typed))
            {
                return (fallback, null);
            }

            var digits = PersianDigits.ToLatin(typed.Trim());
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                Asked = typed;
                return (null, "CompareNotNumber");
            }

            if (!Versions.Contains(number))
            {
                Asked = typed;
                return (null, "CompareNoVersion");
            }

            return (number, null);
        }
    }
}
