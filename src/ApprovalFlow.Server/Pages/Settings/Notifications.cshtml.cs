using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Settings;

/// <summary>
/// The signed-in user's mail settings at <c>/me/notifications</c>: the language of mails, how each kind is
/// delivered (immediately, in the daily digest only, not at all) and the daily digest. Reads and saves through
/// the handlers of <c>GET</c> and <c>PUT /api/me/notifications</c> (same checks).
/// </summary>
public sealed class NotificationsModel(ApprovalFlowDbContext db, ICurrentUser user) : PageModel
{
    /// <summary>The kinds a user chooses for, in order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. NotificationKinds.All.Where(k => k != NotificationKinds.Digest)];

    /// <summary>The deliveries offered per kind.</summary>
    public static IReadOnlyList<string> Deliveries { get; } = ["immediate", "digest", "none"];

    /// <summary>The language of mails: empty (the web app's), <c>fa</c> or <c>en</c>.</summary>
    [BindProperty]
    public string? Language { get; set; }

    /// <summary>Delivery per kind.</summary>
    [BindProperty]
    public Dictionary<string, string> Delivery { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the daily digest is wanted.</summary>
    [BindProperty]
    public bool Digest { get; set; }

    /// <summary>Whether the settings were just saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>What the server refused, or <see langword="null"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the current settings.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Saved = TempData[nameof(Saved)] is true;
        var current = (await PreferencesApi.GetAsync(db, user, cancellationToken)).Value!;
        (Language, Delivery, Digest) = (current.Language, current.Kinds, current.Digest);
    }

    /// <summary>Saves the settings, then shows them again.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await PreferencesApi.PutAsync(new NotificationPreferences(string.IsNullOrEmpty(Language) ? null : Language, Delivery, Digest), db, user, cancellationToken);
        if (result.Result is ProblemHttpResult problem)
        {
            Error = problem.ProblemDetails.Detail;
            return Page();
        }

        TempData[nameof(Saved)] = true;
        return RedirectToPage();
    }
}
