using ApprovalFlow.Server.Api;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// Marks an endpoint that receives an attachment: its request body may be up to
/// <see cref="AttachmentOptions.MaxRequestBytes"/> (the largest file plus the multipart framing), and no more.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class AttachmentUploadAttribute : Attribute, IBodyLimitMetadata
{
    /// <inheritdoc />
    public long MaxRequestBodyBytes(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxRequestBytes;
    }
}
