using System.Globalization;
using System.Text;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>File names of attachments as they are stored and offered for download.</summary>
public static class AttachmentNames
{
    /// <summary>The longest stored name: 255 characters.</summary>
    public const int MaxLength = 255;

    /// <summary>U+200C, which Persian words need (نامه‌ها); the one format character kept.</summary>
    private const char ZeroWidthNonJoiner = '\u200C';

    /// <summary>
    /// The name to store for an uploaded <paramref name="name"/>: the last path segment (some browsers
    /// send a whole path), in Unicode normalisation form C, without control characters, format characters
    /// other than the ZWNJ (among them the bidirectional controls, which can disguise the extension,
    /// CVE-2021-42574) or unpaired surrogates, trimmed, and
    /// shortened to <see cref="MaxLength"/> keeping the extension; <c>file</c> when nothing is left of the
    /// name before the extension.
    /// </summary>
    public static string Clean(string? name)
    {
        var last = (name ?? string.Empty).Split('/', '\\')[^1];
        var kept = new StringBuilder(last.Length);
        for (var i = 0; i < last.Length; i++)
        {
            var c = last[i];
            if (char.IsHighSurrogate(c) && i + 1 < last.Length && char.IsLowSurrogate(last[i + 1]))
            {
                kept.Append(c).Append(last[++i]);
            }
            else if (c == ZeroWidthNonJoiner || !(char.IsSurrogate(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            {
                kept.Append(c);
            }
        }

        var cleaned = kept.ToString().Normalize(NormalizationForm.FormC).Trim().TrimEnd('.');
        var extension = Path.GetExtension(cleaned);
        var stem = cleaned[..^extension.Length].Trim();
        if (stem.Length == 0)
        {
            stem = "file";
        }

        var room = MaxLength - extension.Length;
        if (stem.Length > room)
        {
            stem = stem[..room];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        return stem + extension;
    }
}
