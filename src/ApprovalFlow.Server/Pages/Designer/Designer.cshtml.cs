using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Definitions.Forms;
using ApprovalFlow.Server.Features.Designer;
using ApprovalFlow.Server.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Designer;

/// <summary>
/// The designer <c>/designer/{key}</c> (process owners and admins): the latest deployed version of a definition, or
/// the user's draft when it is newer (saying so), in the bpmn-js modeler island (<c>designer.js</c>). The island
/// reads and writes through this page's handlers, which call the draft and directory API handlers
/// (<see cref="DraftsApi"/>, <see cref="DirectoryApi"/>) under the page's cookie sign-in: <c>?handler=Xml</c> (the
/// file opened), <c>PUT ?handler=Draft</c> (autosave), <c>POST ?handler=Deploy</c>, <c>?handler=Groups</c>,
/// <c>?handler=Users</c> and <c>?handler=Forms</c> (the pickers). An unknown key without a draft is a 404 page.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class DesignerModel(ApprovalFlowDbContext db, DefinitionDrafts drafts, ICurrentUser user, WorkingDayCalendar calendar) : PageModel
{
    /// <summary>The definition key.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The process name of what is opened (the key when it has none).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The latest deployed version, or <see langword="null"/> for a definition not deployed yet.</summary>
    public ProcessDefinitionRecord? Latest { get; private set; }

    /// <summary>The user's draft, or <see langword="null"/>.</summary>
    public DefinitionDraftRecord? Draft { get; private set; }

    /// <summary>Whether the draft is what is opened (it is newer than the latest version, or asked for).</summary>
    public bool OpensDraft { get; private set; }

    /// <summary>The IANA time zone of the business calendar, for the island's "saved at" clock.</summary>
    public string TimeZone => calendar.Zone.Id;

    /// <summary>Shows the designer; 404 when the key has neither a version nor a draft of the user's.</summary>
    public async Task<IActionResult> OnGetAsync(string key, string? open, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        OpensDraft = Draft is not null && (Latest is null || open == "draft" || (open != "version" && Draft.SavedAt > Latest.DeployedAt));
        Name = Latest?.Name ?? Key;
        return Page();
    }

    /// <summary>
    /// The file the designer opens: the draft (<paramref name="open"/> = <c>draft</c>) or the latest version; with
    /// <paramref name="download"/>, as an attachment named <c>{key}.bpmn</c> (the toolbar's download of the saved draft).
    /// </summary>
    public async Task<IActionResult> OnGetXmlAsync(string key, string? open, bool download, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        var xml = open == "draft" && Draft is not null ? Draft.BpmnXml : Latest?.BpmnXml ?? Draft!.BpmnXml;
        return download ? File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"{key}.bpmn") : Content(xml, "application/xml");
    }

    /// <summary>Autosave: <c>PUT /api/definitions/{key}/draft</c>'s answer.</summary>
    public async Task<IActionResult> OnPutDraftAsync(string key, [FromBody] SaveDraftRequest? request, CancellationToken cancellationToken) =>
        new ResultAction((await DraftsApi.SaveAsync(key, request, drafts, user, cancellationToken)).Result);

    /// <summary>Deploys the saved draft: <c>POST /api/definitions/{key}/draft/deploy</c>'s answer.</summary>
    public async Task<IActionResult> OnPostDeployAsync(string key, [FromServices] DefinitionDeployer deployer, CancellationToken cancellationToken) =>
        new ResultAction((await DraftsApi.DeployAsync(key, drafts, deployer, user, cancellationToken)).Result);

    /// <summary>Discards the user's draft and opens the latest version again (or the designer's start page for a new definition).</summary>
    public async Task<IActionResult> OnPostDiscardAsync(string key, CancellationToken cancellationToken)
    {
        await drafts.DeleteAsync(key, user.Id, cancellationToken);
        return await db.Definitions.AnyAsync(d => d.Key == key, cancellationToken)
            ? RedirectToPage(new { key, open = "version" })
            : RedirectToPage("/Designer/Index");
    }

    /// <summary>Groups whose id or name contains <paramref name="search"/> (<c>GET /api/groups?search=</c>).</summary>
    public async Task<IActionResult> OnGetGroupsAsync(string? search, CancellationToken cancellationToken) =>
        new ResultAction(await DirectoryApi.ListGroupsAsync(search, db, cancellationToken));

    /// <summary>People matching <paramref name="search"/> (<c>GET /api/users?search=</c>).</summary>
    public async Task<IActionResult> OnGetUsersAsync(string? search, CancellationToken cancellationToken) =>
        new ResultAction(await DirectoryApi.SearchUsersAsync(search, db, cancellationToken));

    /// <summary>The forms a user task may name: the latest version of each deployed form, as <c>GET /api/forms</c> lists them (<c>[{key, name, version, …}]</c>).</summary>
    public async Task<IActionResult> OnGetFormsAsync(CancellationToken cancellationToken) =>
        new JsonResult((await FormsApi.ListAsync(db, cancellationToken, 1, Paging.MaxPageSize)).Value!.Items);

    private async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        Key = key;
        Latest = await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        Draft = await drafts.FindAsync(key, user.Id, cancellationToken);
        return Latest is not null || Draft is not null;
    }
}
