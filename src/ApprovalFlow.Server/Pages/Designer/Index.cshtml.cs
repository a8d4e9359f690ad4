using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Designer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Designer;

/// <summary>
/// The designer's start page <c>/designer</c> (process owners and admins): every definition with a link to edit it,
/// the user's drafts of definitions not deployed yet, and a form starting a new definition with a key of the
/// user's choice (a new draft holding one start event).
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class IndexModel(ApprovalFlowDbContext db, DefinitionDrafts drafts, ICurrentUser user, IStringLocalizer<DesignerTexts> texts) : PageModel
{
    /// <summary>The deployed definitions with their latest version, by key.</summary>
    public IReadOnlyList<DefinitionSummaryResponse> Definitions { get; private set; } = [];

    /// <summary>The user's drafts of keys not deployed yet.</summary>
    public IReadOnlyList<DefinitionDraftRecord> NewDrafts { get; private set; } = [];

    /// <summary>The key typed into the new-definition form.</summary>
    [BindProperty]
    public string? NewKey { get; set; }

    /// <summary>The name typed into the new-definition form.</summary>
    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>Lists the definitions.</summary>
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Starts a new definition: validates the key (a BPMN id not deployed yet), saves a draft with a start event and opens it.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var key = NewKey?.Trim() ?? string.Empty;
        var name = NewName?.Trim();
        if (DefinitionDrafts.KeyError(key) is not null)
        {
            ModelState.AddModelError(nameof(NewKey), texts["KeyInvalid"]);
        }
        else if (await db.Definitions.AnyAsync(d => d.Key == key, cancellationToken))
        {
            ModelState.AddModelError(nameof(NewKey), texts["KeyTaken"]);
        }

        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError(nameof(NewName), texts["NameRequired"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (await drafts.FindAsync(key, user.Id, cancellationToken) is null)
        {
            await drafts.SaveAsync(key, user.Id, DefinitionDrafts.NewDefinitionXml(key, name!), null, cancellationToken);
        }

        return RedirectToPage("/Designer/Designer", new { key });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Definitions = (await DefinitionsApi.ListAsync(db, cancellationToken)).Value ?? [];
        var deployed = Definitions.Select(d => d.Key).ToList();
        NewDrafts = await db.DefinitionDrafts.AsNoTracking().Where(d => d.UserId == user.Id && !deployed.Contains(d.Key)).OrderBy(d => d.Key).ToListAsync(cancellationToken);
    }
}
