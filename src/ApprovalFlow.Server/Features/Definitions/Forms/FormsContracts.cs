using System.Text.Json;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>The body of <c>POST /api/forms</c>.</summary>
/// <param name="Key">The form key (<c>camunda:formKey</c>): letters, digits, <c>.</c>, <c>_</c> and <c>-</c>; not <c>page:...</c>.</param>
/// <param name="Schema">The form-js schema (schemaVersion 16, as the form-js editor exports it); its root <c>name</c> names the form for people.</param>
public sealed record DeployFormRequest(string? Key, JsonElement? Schema);

/// <summary>One version of a form (<c>POST /api/forms</c>, <c>GET /api/forms/{key}</c>).</summary>
/// <param name="Key">The form key.</param>
/// <param name="Version">The version, from 1.</param>
/// <param name="Name">The form's name (the schema's <c>name</c>), or <see langword="null"/>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the schema's UTF-8 text.</param>
/// <param name="DeployedAt">When it was deployed (UTC).</param>
/// <param name="DeployedBy">The deploying user's id, or <c>system</c>.</param>
public sealed record FormVersionResponse(string Key, int Version, string? Name, string Sha256, DateTimeOffset DeployedAt, string DeployedBy);

/// <summary>A form key with its latest version (an item of <c>GET /api/forms</c>).</summary>
/// <param name="Key">The form key.</param>
/// <param name="Name">The latest version's name, or <see langword="null"/>.</param>
/// <param name="Version">The latest version.</param>
/// <param name="DeployedAt">When the latest version was deployed (UTC).</param>
/// <param name="DeployedBy">Who deployed it: a user id, or <c>system</c>.</param>
public sealed record FormSummaryResponse(string Key, string? Name, int Version, DateTimeOffset DeployedAt, string DeployedBy);

/// <summary>A page of forms (<c>GET /api/forms</c>).</summary>
/// <param name="Items">The forms of the page, by key.</param>
/// <param name="Total">How many form keys are deployed.</param>
public sealed record FormPage(IReadOnlyList<FormSummaryResponse> Items, int Total);

/// <summary>One problem of a refused form, in the <c>errors</c> member of the 422 problem.</summary>
/// <param name="Path">Where in the schema: <c>components[2].components[0]</c>; empty for the schema itself.</param>
/// <param name="ComponentId">The component's <c>id</c>, or <see langword="null"/>.</param>
/// <param name="FieldKey">The component's <c>key</c> (or <c>path</c>), or <see langword="null"/>.</param>
/// <param name="Code">Stable code, e.g. <c>unsupported-type</c>, <c>pattern</c>, <c>condition</c>, <c>invalid-key</c>.</param>
/// <param name="Value">The offending value (type, pattern, condition, key), or <see langword="null"/>.</param>
/// <param name="Message">What is wrong, in English.</param>
public sealed record FormProblemResponse(string Path, string? ComponentId, string? FieldKey, string Code, string? Value, string Message);
