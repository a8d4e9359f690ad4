using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>Rules of <see cref="AttachmentOptions"/> beyond data annotations, all reported at once: every allowed type is one the service recognises by content.</summary>
internal sealed class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unknown = options.EffectiveAllowedTypes.Where(type => AttachmentTypes.Find(type) is null).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Attachments:AllowedTypes names types that cannot be recognised by their content: {string.Join(", ", unknown.Select(t => $"'{t}'"))}. "
                + $"Known types: {string.Join(", ", AttachmentTypes.All.Select(t => t.Extension))}.");
    }
}
