namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>The links of one definition version (<c>_VersionLinks.cshtml</c>).</summary>
/// <param name="Key">The definition key.</param>
/// <param name="Name">The process name (its key when it has none), for the links' accessible names.</param>
/// <param name="Version">The version.</param>
/// <param name="Executable">Whether the designer and the monitor apply (not for documentation models, which are view only).</param>
public sealed record VersionLinks(string Key, string Name, int Version, bool Executable)
{
    /// <summary>The key as it goes in a path.</summary>
    public string Path => Uri.EscapeDataString(Key);

    /// <summary>The version's page, with its diagram.</summary>
    public string ViewUrl => $"/definitions/{Path}?version={Version}";

    /// <summary>The file download: the stored BPMN file as <c>{key}-v{version}.bpmn</c>.</summary>
    public string XmlUrl => $"/definitions/{Path}/versions/{Version}/xml";

    /// <summary>The comparison with the previous version, or <see langword="null"/> for version 1.</summary>
    public string? CompareUrl => Version > 1 ? $"/definitions/{Path}/compare?from={Version - 1}&to={Version}" : null;
}
