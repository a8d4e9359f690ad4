using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// Limits of task attachments (configuration section <c>Attachments</c>), validated at start by data
/// annotations and <see cref="AttachmentOptionsValidator"/>. Read at start: changing them needs a restart.
/// </summary>
public sealed class AttachmentOptions
{
    /// <summary>The configuration section: <c>Attachments</c>.</summary>
    public const string Section = "Attachments";

    /// <summary>Default <see cref="MaxBytes"/>: 10 MiB.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>
    /// Room for the multipart framing of an upload (boundaries, part headers, the file name, the
    /// antiforgery token of the page's form) on top of <see cref="MaxBytes"/>: 64 KiB.
    /// </summary>
    public const long MultipartAllowanceBytes = 64 * 1024;

    /// <summary>Largest file accepted, in bytes. Default 10 MiB; between 1 byte and 512 MiB.</summary>
    [Range(1, 512L * 1024 * 1024)]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// The kinds of file accepted, as extensions without the dot (any case), each one
    /// <see cref="AttachmentTypes">this service can recognise by content</see>. Default when unset:
    /// <c>pdf, docx, xlsx, pptx, doc, xls, png, jpg, jpeg</c>.
    /// </summary>
    public IList<string>? AllowedTypes { get; set; }

    /// <summary>The normalised extensions of <see cref="AllowedTypes"/> (lower case, no dot), or the default when unset.</summary>
    public IReadOnlyList<string> EffectiveAllowedTypes =>
        AllowedTypes is { Count: > 0 } types ? [.. types.Select(AttachmentTypes.Normalise).Distinct(StringComparer.Ordinal)] : AttachmentTypes.DefaultAllowed;

    /// <summary>The largest upload request body: <see cref="MaxBytes"/> plus <see cref="MultipartAllowanceBytes"/>.</summary>
    public long MaxRequestBytes => MaxBytes + MultipartAllowanceBytes;
}
