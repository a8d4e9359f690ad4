using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Api;

/// <summary>HTTP limits of the API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section: <c>Api</c>.</summary>
    public const string Section = "Api";

    /// <summary>Default <see cref="MaxRequestBodyBytes"/>: 8 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 8L * 1024 * 1024;

    /// <summary>
    /// Largest request body in bytes, for every endpoint; a larger body gets a 413 problem. Default
    /// 8 MiB; between 1 KiB and 1 GiB. BPMN files are further limited to 5 MiB by the parser.
    /// </summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;
}
