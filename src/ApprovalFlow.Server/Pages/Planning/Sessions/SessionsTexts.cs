using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Planning.Sessions;

/// <summary>Texts of the working groups' task pages (sessions, findings, agreement): <c>SessionsTexts.fa.resx</c>, <c>SessionsTexts.en.resx</c>.</summary>
public sealed class SessionsTexts
{
    /// <summary>The message of a refused field in the user's language (resource <c>Error_{code}</c>), or its English message when the code has none.</summary>
    /// <param name="texts">The localizer.</param>
    /// <param name="error">The refused field.</param>
    public static string Message(IStringLocalizer<SessionsTexts> texts, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(error);
        var text = texts["Error_" + error.Code];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>What a task still needs in the user's language (resource <c>Gap_{code}</c> with the subject as <c>{0}</c>).</summary>
    /// <param name="texts">The localizer.</param>
    /// <param name="gap">The gap.</param>
    public static string Message(IStringLocalizer<SessionsTexts> texts, PageGap gap)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(gap);
        var text = texts["Gap_" + gap.Code, gap.Subject ?? string.Empty];
        return text.ResourceNotFound ? gap.Message : text.Value;
    }
}
