using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>An upload checked by <see cref="AttachmentFiles.CheckAsync"/>: accepted with its content, or refused.</summary>
public abstract record AttachmentCheck
{
    private AttachmentCheck()
    {
    }

    /// <summary>Within the limits; nothing stored yet.</summary>
    /// <param name="FileName">The cleaned file name (<see cref="AttachmentNames.Clean"/>).</param>
    /// <param name="ContentType">The media type of its extension.</param>
    /// <param name="Content">The bytes.</param>
    /// <param name="Sha256">Their SHA-256, lower-case hex.</param>
    public sealed record Accepted(string FileName, string ContentType, byte[] Content, string Sha256) : AttachmentCheck;

    /// <summary>Refused by the limits of <see cref="AttachmentOptions"/>.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">Why, in English, with the limit or the accepted types.</param>
    public sealed record Refused(AttachmentRefusal Reason, string Detail) : AttachmentCheck;
}

/// <summary>
/// What every attachment goes through, a task's or a working-group session's: reading the multipart upload, the
/// checks of <see cref="AttachmentOptions"/> (not empty, size, allowed extension, content matching the extension by
/// its magic bytes, <see cref="AttachmentType.Matches"/>), the problem of a refusal, and the safe download.
/// </summary>
public static class AttachmentFiles
{
    /// <summary>The field of the multipart form that carries the file: <c>file</c>.</summary>
    public const string FormField = "file";

    /// <summary>The uploaded file of <paramref name="request"/>'s multipart form (<see langword="null"/> when it has none), or the problem: 415 when the body is not <c>multipart/form-data</c>, 400 when it is malformed.</summary>
    /// <param name="request">The upload request.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public static async Task<(IFormFile? File, ProblemHttpResult? Problem)> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return (null, TypedResults.Problem(
                $"Send the file as multipart/form-data in the field '{FormField}', not as '{request.ContentType ?? "(no content type)"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a file upload"));
        }

        try
        {
            return ((await request.ReadFormAsync(cancellationToken)).Files.GetFile(FormField), null);
        }
        catch (InvalidDataException e)
        {
            return (null, TypedResults.Problem($"The multipart/form-data body is malformed: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload"));
        }
    }

    /// <summary>Checks <paramref name="file"/> against <paramref name="limits"/> and reads it.</summary>
    /// <param name="file">The uploaded file, or <see langword="null"/> when the request had none.</param>
    /// <param name="limits">The attachment limits.</param>
    /// <param name="cancellationToken">Cancels reading the file.</param>
    public static async Task<AttachmentCheck> CheckAsync(IFormFile? file, AttachmentOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (file is null)
        {
            return new AttachmentCheck.Refused(AttachmentRefusal.Missing, $"Send the file as multipart/form-data in the field '{FormField}'.");
        }

        var name = AttachmentNames.Clean(file.FileName);
        if (file.Length == 0)
        {
            return new AttachmentCheck.Refused(AttachmentRefusal.Empty, $"The file '{name}' is empty.");
        }

        if (file.Length > limits.MaxBytes)
        {
            return new AttachmentCheck.Refused(AttachmentRefusal.TooLarge, $"The file '{name}' is {file.Length} bytes; at most {limits.MaxBytes} bytes are accepted.");
        }

        var allowed = limits.EffectiveAllowedTypes;
        var extension = AttachmentTypes.Normalise(Path.GetExtension(name));
        if (!allowed.Contains(extension, StringComparer.Ordinal) || AttachmentTypes.Find(extension) is not { } type)
        {
            return new AttachmentCheck.Refused(AttachmentRefusal.TypeNotAllowed, $"The file '{name}' is not of an accepted type; accepted: {string.Join(", ", allowed)}.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return type.Matches(content)
            ? new AttachmentCheck.Accepted(name, type.ContentType, content, Convert.ToHexStringLower(SHA256.HashData(content)))
            : new AttachmentCheck.Refused(AttachmentRefusal.ContentMismatch,
                $"The content of '{name}' is not a {type.Extension} file ({type.ContentType}); rename it only if it really is one.");
    }

    /// <summary>The problem of a refused upload: 413 too large, 415 of a type not accepted or whose content does not match it, else 400.</summary>
    /// <param name="reason">Why it was refused.</param>
    /// <param name="detail">The refusal's detail.</param>
    public static ProblemHttpResult Refused(AttachmentRefusal reason, string detail) =>
        TypedResults.Problem(detail, statusCode: reason switch
        {
            AttachmentRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
            AttachmentRefusal.TypeNotAllowed or AttachmentRefusal.ContentMismatch => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        }, title: "File refused");

    /// <summary>The download of <paramref name="file"/> with its media type, ETag (its SHA-256), last-modified and the headers of <see cref="SetDownloadHeaders"/>.</summary>
    /// <param name="response">The response to set the headers on.</param>
    /// <param name="file">The stored file.</param>
    public static FileContentHttpResult Download(HttpResponse response, AttachmentDownload file)
    {
        ArgumentNullException.ThrowIfNull(file);
        SetDownloadHeaders(response);
        return TypedResults.File(file.Content, file.ContentType, file.FileName, lastModified: file.UploadedAt, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
    }

    /// <summary>
    /// The headers of every download beside its media type and its <c>Content-Disposition: attachment</c>
    /// (an ASCII <c>filename</c> and the exact UTF-8 <c>filename*</c>, RFC 6266 §4.3 and RFC 5987, written by
    /// the file result): no content sniffing, no caching for others, no script if it is opened anyway.
    /// </summary>
    /// <param name="response">The response.</param>
    public static void SetDownloadHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
    }
}
