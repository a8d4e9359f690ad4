using System.IO.Compression;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>A kind of file that may be attached: its extension, its media type and how its content is recognised.</summary>
/// <param name="Extension">File name extension, lower case, without the dot.</param>
/// <param name="ContentType">The media type it is stored and served with.</param>
/// <param name="Signature">The leading bytes every such file starts with.</param>
/// <param name="OfficeFolder">For Office Open XML documents (ECMA-376 Part 2, a ZIP package): the package folder of the document part, e.g. <c>word/</c>; otherwise <see langword="null"/>.</param>
public sealed record AttachmentType(string Extension, string ContentType, byte[] Signature, string? OfficeFolder = null)
{
    /// <summary>
    /// Whether <paramref name="content"/> is such a file: it starts with <see cref="Signature"/> and, for an
    /// Office Open XML document, is a ZIP package with <c>[Content_Types].xml</c> and a part under
    /// <see cref="OfficeFolder"/> (only the ZIP directory is read, nothing is decompressed).
    /// </summary>
    public bool Matches(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.AsSpan().StartsWith(Signature))
        {
            return false;
        }

        if (OfficeFolder is null)
        {
            return true;
        }

        try
        {
            using var package = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return package.Entries.Any(e => e.FullName == "[Content_Types].xml")
                && package.Entries.Any(e => e.FullName.StartsWith(OfficeFolder, StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>The kinds of file the service recognises by content (extension and magic bytes), and the default allowed set.</summary>
public static class AttachmentTypes
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// Every known kind: PDF (<c>%PDF-</c>), PNG, JPEG, Word, Excel and PowerPoint documents in Office Open
    /// XML (a ZIP package with the matching part folder) and Word and Excel 97–2003 documents (an OLE
    /// compound file; the two are told apart by extension only).
    /// </summary>
    public static IReadOnlyList<AttachmentType> All { get; } =
    [
        new("pdf", "application/pdf", Pdf),
        new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip, "word/"),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip, "xl/"),
        new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip, "ppt/"),
        new("doc", "application/msword", CompoundFile),
        new("xls", "application/vnd.ms-excel", CompoundFile),
        new("png", "image/png", Png),
        new("jpg", "image/jpeg", Jpeg),
        new("jpeg", "image/jpeg", Jpeg),
    ];

    /// <summary>The default of <see cref="AttachmentOptions.AllowedTypes"/>: every known kind.</summary>
    public static IReadOnlyList<string> DefaultAllowed { get; } = [.. All.Select(t => t.Extension)];

    /// <summary>The kind with extension <paramref name="extension"/> (any case, with or without the dot), or <see langword="null"/>.</summary>
    public static AttachmentType? Find(string extension) =>
        All.FirstOrDefault(t => t.Extension == Normalise(extension));

    /// <summary><paramref name="extension"/> trimmed, without a leading dot, in lower case.</summary>
    public static string Normalise(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return extension.Trim().TrimStart('.').ToLowerInvariant();
    }
}
