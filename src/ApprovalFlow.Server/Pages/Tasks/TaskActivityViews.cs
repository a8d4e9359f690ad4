using System.Globalization;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Web;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>What the comments partial (<c>_Comments.cshtml</c>) shows.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Comments">Its comments, oldest first.</param>
/// <param name="Error">Why the last comment was refused, or <see langword="null"/>.</param>
/// <param name="Draft">The refused text, shown again in the field, or <see langword="null"/>.</param>
/// <param name="Added">Whether a comment was just added (announced to screen readers).</param>
public sealed record TaskCommentsView(Guid TaskId, IReadOnlyList<TaskCommentResponse> Comments, CommentRefusal? Error = null, string? Draft = null, bool Added = false);

/// <summary>What the attachments partial (<c>_Attachments.cshtml</c>) shows.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attachments">Its files, oldest first.</param>
/// <param name="Limits">The configured size and types.</param>
/// <param name="Error">Why the last upload was refused, or <see langword="null"/>.</param>
/// <param name="FileName">The name of the file just refused or attached, or <see langword="null"/>.</param>
public sealed record TaskAttachmentsView(Guid TaskId, IReadOnlyList<TaskAttachmentResponse> Attachments, AttachmentOptions Limits, AttachmentRefusal? Error = null, string? FileName = null)
{
    /// <summary>The file input's <c>accept</c> list, e.g. <c>.pdf,.docx</c>.</summary>
    public string Accept => string.Join(',', Limits.EffectiveAllowedTypes.Select(t => "." + t));
}

/// <summary>What the history partial (<c>_TaskHistory.cshtml</c>) shows.</summary>
/// <param name="Entries">The task's events, oldest first.</param>
/// <param name="OutOfBand">Whether it is sent beside another partial, to replace the one on the page (htmx <c>hx-swap-oob</c>).</param>
public sealed record TaskHistoryView(IReadOnlyList<TaskHistoryEntry> Entries, bool OutOfBand = false);

/// <summary>Sizes of files for people: bytes, KB or MB (1024-based) with the user's digits and decimal separator.</summary>
public static class FileSizeText
{
    /// <summary><paramref name="bytes"/> as "۲٫۵ مگابایت" (fa) or "2.5 MB" (en).</summary>
    /// <param name="bytes">A size in bytes.</param>
    /// <param name="texts">The texts with <c>SizeBytes</c>, <c>SizeKilobytes</c> and <c>SizeMegabytes</c>.</param>
    /// <param name="format">The user's number format.</param>
    public static string Describe(long bytes, IStringLocalizer<TaskActivityTexts> texts, DisplayFormat format)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(format);
        var (value, key) = bytes switch
        {
            < 1024 => (bytes, "SizeBytes"),
            < 1024 * 1024 => (bytes / 1024.0, "SizeKilobytes"),
            _ => (bytes / (1024.0 * 1024), "SizeMegabytes"),
        };
        var number = value.ToString("0.#", CultureInfo.InvariantCulture);
        if (UserLanguage.Current == UserLanguage.Persian)
        {
            number = number.Replace('.', '٫');
        }

        return texts[key, format.Number(number)];
    }
}
