namespace ApprovalFlow.Server.Features.Designer;

/// <summary>The body of <c>PUT /api/definitions/{key}/draft</c>.</summary>
/// <param name="Xml">The whole BPMN file; well-formed, at most 5 MiB in UTF-8.</param>
/// <param name="BaseVersion">The deployed version the draft was started from, or <see langword="null"/> for a new definition.</param>
public sealed record SaveDraftRequest(string Xml, int? BaseVersion);

/// <summary>A user's designer draft of a definition.</summary>
/// <param name="Key">The definition key.</param>
/// <param name="SavedAt">When it was last saved (UTC).</param>
/// <param name="BaseVersion">The deployed version it was started from, or <see langword="null"/>.</param>
/// <param name="Xml">The BPMN file as saved.</param>
public sealed record DraftResponse(string Key, DateTimeOffset SavedAt, int? BaseVersion, string Xml);

/// <summary>The answer to a save: when it was saved (the file is what was sent).</summary>
/// <param name="Key">The definition key.</param>
/// <param name="SavedAt">When it was saved (UTC).</param>
/// <param name="BaseVersion">The deployed version it was started from, or <see langword="null"/>.</param>
public sealed record DraftSavedResponse(string Key, DateTimeOffset SavedAt, int? BaseVersion);
