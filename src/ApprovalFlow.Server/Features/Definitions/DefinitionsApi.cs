using System.Text;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>Handlers of <c>/api/definitions</c>.</summary>
internal static class DefinitionsApi
{
    /// <summary>The multipart form field holding the file.</summary>
    public const string FileField = "file";

    private static readonly string[] XmlMediaTypes = ["application/xml", "text/xml"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Deploys a BPMN file sent as the <c>application/xml</c> or <c>text/xml</c> body, or as the field
    /// <c>file</c> of <c>multipart/form-data</c>: 201 when a process got a new version, 200 when the
    /// same content was already deployed, 422 with <c>errors</c> for an invalid file (BPMN rules, and
    /// groups, users and forms that do not exist, <see cref="DeploymentChecks"/>), 413 over 5 MiB,
    /// 415 for another content type.
    /// </summary>
    public static async Task<Results<Created<DeploymentResponse>, Ok<DeploymentResponse>, ProblemHttpResult>> DeployAsync(
        HttpRequest request, DefinitionDeployer deployer, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (xml, problem) = await ReadFileAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await deployer.DeployAsync(xml!, user.Id, cancellationToken);
        if (result is DeploymentRejected rejected)
        {
            return Invalid(rejected);
        }

        var deployed = (DefinitionsDeployed)result;
        var processes = deployed.Processes.Select(p => new DeployedProcessResponse(p.Id, p.Key, p.Version, p.Name, p.IsExecutable)).ToList();
        var first = processes[0];
        var response = new DeploymentResponse(first.Id, first.Key, first.Version, first.Name, processes);
        return deployed.AnyNew
            ? TypedResults.Created($"/api/definitions/{Uri.EscapeDataString(first.Key)}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>Every definition key with its latest version and how many of its instances run (all versions), ordered by key.</summary>
    public static async Task<Ok<List<DefinitionSummaryResponse>>> ListAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(o => o.Key == d.Key).Max(o => o.Version))
            .OrderBy(d => d.Key)
            .Select(d => new DefinitionSummaryResponse(
                d.Key, d.Name, d.Version, d.DeployedAt, d.IsExecutable, db.Instances.Count(i => i.DefinitionKey == d.Key && i.Status == InstanceStatus.Active)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(latest);
    }

    /// <summary>
    /// The versions of <paramref name="key"/>, oldest first, each with its running (active) instances counted
    /// by one query grouped by version; 404 when the key was never deployed.
    /// </summary>
    public static async Task<Results<Ok<List<DefinitionVersionResponse>>, ProblemHttpResult>> GetVersionsAsync(
        string key, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var running = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == key && i.Status == InstanceStatus.Active)
            .GroupBy(i => i.DefinitionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var versions = (await db.Definitions.AsNoTracking()
            .Where(d => d.Key == key)
            .OrderBy(d => d.Version)
            .Select(d => new DefinitionVersionResponse(d.Id, d.Key, d.Version, d.Name, d.Sha256, d.DeployedAt, d.DeployedBy, d.IsExecutable, 0,
                d.DraftUserId == null ? null : new DraftSourceResponse(d.DraftUserId, db.Users.Where(u => u.Id == d.DraftUserId).Select(u => u.DisplayName).FirstOrDefault(), d.DraftSavedAt!.Value)))
            .ToListAsync(cancellationToken))
            .ConvertAll(v => v with { RunningInstances = running.GetValueOrDefault(v.Id) });
        var nextStarts = await Runtime.TimerStarts.TimerStartQueries.NextStartsAsync(db, key, cancellationToken);
        versions = versions.ConvertAll(v => v with { NextTimerStartAt = nextStarts.TryGetValue(v.Id, out var next) ? next : null });
        return versions.Count == 0 ? UnknownKey(key) : TypedResults.Ok(versions);
    }

    /// <summary>The BPMN file of one version as deployed (<c>application/xml</c>); 404 when missing.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetXmlAsync(
        string key, int version, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var xml = await db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.Version == version)
            .Select(d => d.BpmnXml)
            .FirstOrDefaultAsync(cancellationToken);
        if (xml is not null)
        {
            return TypedResults.Text(xml, "application/xml", Encoding.UTF8);
        }

        return await db.Definitions.AnyAsync(d => d.Key == key, cancellationToken)
            ? TypedResults.Problem($"Definition '{key}' has no version {version}.", statusCode: StatusCodes.Status404NotFound, title: "Definition version not found")
            : UnknownKey(key);
    }

    private static ProblemHttpResult UnknownKey(string key) =>
        TypedResults.Problem($"No definition with the key '{key}' is deployed.", statusCode: StatusCodes.Status404NotFound, title: "Definition not found");

    /// <summary>The 422 problem of a rejected file, with every error in <c>errors</c>.</summary>
    internal static ProblemHttpResult Invalid(DeploymentRejected rejected) =>
        TypedResults.Problem(
            $"The BPMN file is invalid: {rejected.Summary}.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Invalid BPMN file",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = rejected.Errors.Select(e => new DefinitionErrorResponse(e.ElementId, e.Line, e.Column, e.Code, e.Message)).ToList(),
            });

    /// <summary>The uploaded file as text, or the problem that says why there is none.</summary>
    private static async Task<(string? Xml, ProblemHttpResult? Problem)> ReadFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Stream body;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                return (null, TypedResults.Problem($"The multipart body is malformed: {exception.Message}", statusCode: StatusCodes.Status400BadRequest));
            }

            var file = form.Files.GetFile(FileField) ?? (form.Files.Count == 1 ? form.Files[0] : null);
            if (file is null)
            {
                return (null, TypedResults.Problem(
                    $"The multipart body has no file: send the BPMN file as the form field '{FileField}'.", statusCode: StatusCodes.Status400BadRequest));
            }

            body = file.OpenReadStream();
        }
        else if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && XmlMediaTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            body = request.Body;
        }
        else
        {
            return (null, TypedResults.Problem(
                $"Send the BPMN file as an application/xml or text/xml body, or as the field '{FileField}' of multipart/form-data; got '{request.ContentType ?? "no content type"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        await using (body)
        {
            var bytes = await ReadAtMostAsync(body, BpmnParserOptions.DefaultMaxInputBytes + 1, cancellationToken);
            if (bytes.Length > BpmnParserOptions.DefaultMaxInputBytes)
            {
                return (null, TypedResults.Problem(
                    $"The BPMN file is larger than {BpmnParserOptions.DefaultMaxInputBytes} bytes (5 MiB).", statusCode: StatusCodes.Status413PayloadTooLarge));
            }

            return Decode(bytes);
        }
    }

    private static (string? Xml, ProblemHttpResult? Problem) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> utf8Bom = [0xEF, 0xBB, 0xBF];
        var span = bytes.AsSpan();
        try
        {
            if (span.StartsWith(utf8Bom))
            {
                return (StrictUtf8.GetString(span[utf8Bom.Length..]), null);
            }

            if (span is [0xFF, 0xFE, ..] || span is [0xFE, 0xFF, ..])
            {
                using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
                return (reader.ReadToEnd(), null);
            }

            return (StrictUtf8.GetString(span), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Invalid(new DeploymentRejected(
                [new BpmnDiagnostic(null, 0, 0, "invalid-encoding", "The file is not UTF-8 text (nor UTF-16 with a byte order mark); save it as UTF-8.")])));
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
