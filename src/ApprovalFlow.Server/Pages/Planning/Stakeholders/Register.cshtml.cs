using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Stakeholders;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Planning.Stakeholders;

/// <summary>
/// The stakeholder register of a cycle, <c>/cycles/{businessKey}/stakeholders</c>: by stakeholder group, filtered by
/// group and theme in the URL; the planning office and the themes' coordinators add, edit, remove and invite
/// (the same <see cref="StakeholderRegister"/> and <see cref="PlanningAccess"/> rules as the API); errors show next
/// to the field in the user's language and the typed values are kept.
/// </summary>
public sealed class RegisterModel(PlanCycles cycles, StakeholderRegister register, PlanningAccess access, ApprovalFlowDbContext db, IStringLocalizer<StakeholderTexts> texts) : PageModel
{
    /// <summary>The cycle.</summary>
    public PlanCycleRecord Cycle { get; private set; } = null!;

    /// <summary>The stakeholders shown.</summary>
    public IReadOnlyList<StakeholderResponse> Stakeholders { get; private set; } = [];

    /// <summary>The group filter (<c>?group=</c>), or <see langword="null"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    /// <summary>The theme filter (<c>?theme=</c>), or <see langword="null"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    /// <summary>The stakeholder being edited (<c>?edit=</c>), or <see langword="null"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    /// <summary>The add/edit form.</summary>
    [BindProperty]
    public StakeholderForm Form { get; set; } = new();

    /// <summary>Errors of the form by field, in the user's language.</summary>
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the user may edit the register (planning office or a theme's coordinator).</summary>
    public bool CanEdit { get; private set; }

    /// <summary>What just happened (a key of <see cref="StakeholderTexts"/>), or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>The cycle's themes in the user's language.</summary>
    public IReadOnlyList<(string Id, string Name)> Themes => [.. Cycle.Themes.Select(t => (t.Id, UserLanguage.Current == UserLanguage.Persian ? t.Name : t.EnglishName))];

    /// <summary>The working groups one may invite to, by theme: (id, name, theme).</summary>
    public IReadOnlyList<(string Id, string Name, string Theme)> WorkingGroups { get; private set; } = [];

    /// <summary>Shows the register.</summary>
    public async Task<IActionResult> OnGetAsync(string businessKey, CancellationToken cancellationToken)
    {
        Notice = TempData[nameof(Notice)] as string;
        if (await LoadAsync(businessKey, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Edit is { } id && Stakeholders.FirstOrDefault(s => s.Id == id) is { } editing)
        {
            Form = StakeholderForm.From(editing);
        }

        return Page();
    }

    /// <summary>Adds or changes a stakeholder; refused values show the page again with the errors.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } refused)
        {
            return refused;
        }

        var request = Form.ToRequest();
        if (StakeholderRegister.Check(Cycle, request) is { Count: > 0 } problems)
        {
            Errors = StakeholderForm.Errors(problems, texts);
            return Page();
        }

        var existing = Form.Id is { } id ? await register.FindAsync(Cycle, id, cancellationToken) : null;
        if ((Form.Id is not null && existing is null)
            || (existing is not null && !await access.CanEditRegisterAsync(existing.Themes, all: false, cancellationToken))
            || !await access.CanEditRegisterAsync(request.Themes!, all: true, cancellationToken))
        {
            Notice = "NoticeNotAllowed";
            return Page();
        }

        if (existing is null)
        {
            await register.AddAsync(Cycle, request, access.UserId, cancellationToken);
        }
        else
        {
            await register.UpdateAsync(existing, request, cancellationToken);
        }

        return Done(existing is null ? "NoticeAdded" : "NoticeSaved");
    }

    /// <summary>Removes stakeholder <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string businessKey, Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await register.FindAsync(Cycle, id, cancellationToken) is not { } record || !await access.CanEditRegisterAsync(record.Themes, all: false, cancellationToken))
        {
            return Done("NoticeNotAllowed");
        }

        await register.DeleteAsync(record, cancellationToken);
        return Done("NoticeDeleted");
    }

    /// <summary>Invites stakeholder <paramref name="id"/> to the sessions of <paramref name="workingGroupId"/> (mailed through the outbox).</summary>
    public async Task<IActionResult> OnPostInviteAsync(string businessKey, Guid id, string? workingGroupId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await register.FindAsync(Cycle, id, cancellationToken) is not { } record
            || !await access.CanInviteAsync(record.Themes, workingGroupId, cancellationToken))
        {
            return Done("NoticeNotAllowed");
        }

        var (invitation, problems) = await register.InviteAsync(Cycle, record, new InviteStakeholderRequest(workingGroupId), access.UserId, cancellationToken);
        return Done(invitation is not null ? "NoticeInvited" : problems.Exists(p => p.Code == "NoEmail") ? "Error_NoEmail" : "Error_WorkingGroupUnknown");
    }

    private RedirectToPageResult Done(string notice)
    {
        TempData[nameof(Notice)] = notice;
        return RedirectToPage(new { businessKey = Cycle.BusinessKey, group = Group, theme = Theme });
    }

    /// <summary>Loads the cycle and the register; a result when the page must not show (404 no such cycle, 403 not a participant).</summary>
    private async Task<IActionResult?> LoadAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        if (!await access.CanReadAsync(cycle, cancellationToken))
        {
            return Forbid();
        }

        Cycle = cycle;
        Group = PlanningVocabulary.StakeholderGroups.Any(g => g.Id == Group) ? Group : null;
        Theme = cycle.Themes.Exists(t => t.Id == Theme) ? Theme : null;
        Stakeholders = await register.ListAsync(cycle, Group, Theme, cancellationToken);
        CanEdit = await access.CanEditSomeOfRegisterAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking().Where(g => g.Kind == PlanningGroupKinds.WorkingGroup).OrderBy(g => g.Id).Select(g => new { g.Id, g.Name, g.Attributes }).ToListAsync(cancellationToken);
        WorkingGroups = [.. groups.Select(g => (g.Id, g.Name, Theme: PlanningGroupAttributes.Read<WorkingGroupAttributes>(g.Attributes)?.Theme ?? string.Empty))];
        return null;
    }
}
