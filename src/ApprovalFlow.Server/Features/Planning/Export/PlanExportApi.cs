using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>The approved plan and its trace: <c>GET /api/cycles/{businessKey}/export?format=…</c> and <c>GET /api/cycles/{businessKey}/trace</c>.</summary>
public static class PlanExportApi
{
    /// <summary>The export formats: Word, spreadsheet, printable HTML, StratML (ISO 17469-1 strategic plan).</summary>
    public static IReadOnlyList<string> Formats { get; } = ["docx", "xlsx", "html", "stratml"];

    /// <summary>Maps the export and the trace report under <c>/api/cycles/{businessKey}</c> (signed in; the cycle's participants read, <see cref="PlanningAccess.CanReadAsync"/>).</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapPlanExportApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/cycles/{businessKey}").WithTags("Plan export").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant().WithProblemResponses();
        api.MapGet("/export", ExportAsync).WithName("ExportPlan")
            .WithSummary("The plan as it stands (items neither merged into another nor withdrawn; consolidated items stand for their originals): format=docx (Word, right to left, by theme), xlsx (every item with its origins), html (printable) or stratml (an ISO 17469-1 StratML strategic plan: strategies as goals, executive policies and their projects as objectives).");
        api.MapGet("/trace", TraceAsync).WithName("GetPlanTrace")
            .WithSummary("For each current item the sessions, working groups, stakeholder groups and information sources behind it (through merges), and for each stakeholder group and source how many current items it shaped.");
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> ExportAsync(
        string businessKey, PlanCycles cycles, PlanReader reader, IServiceProvider services, HttpRequest request,
        CancellationToken cancellationToken, string? format = null)
    {
        if (format is null || !Formats.Contains(format, StringComparer.Ordinal))
        {
            return TypedResults.Problem(
                $"format must be one of {string.Join(", ", Formats)}, not '{format}'.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format");
        }

        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CycleNotFound(businessKey);
        }

        var plan = await reader.ReadAsync(cycle, cancellationToken);
        var name = FileName(cycle);
        return format switch
        {
            "docx" => TypedResults.File(services.GetRequiredService<PlanWordExport>().Write(plan), PlanWordExport.ContentType, $"{name}.docx"),
            "xlsx" => TypedResults.File(services.GetRequiredService<PlanSpreadsheetExport>().Write(plan), PlanSpreadsheetExport.ContentType, $"{name}.xlsx"),
            "stratml" => TypedResults.File(StratmlBytes(services.GetRequiredService<PlanStratmlExport>(), plan, new Uri(request.GetEncodedUrl())), PlanStratmlExport.ContentType, $"{name}.stratml.xml"),
            _ => TypedResults.Content(services.GetRequiredService<PlanHtmlExport>().Document(plan), "text/html", Encoding.UTF8),
        };
    }

    internal static async Task<Results<Ok<PlanTraceResponse>, ProblemHttpResult>> TraceAsync(
        string businessKey, PlanCycles cycles, PlanReader reader, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CycleNotFound(businessKey);
        }

        return TypedResults.Ok(PlanTraceResponse.From(await reader.ReadAsync(cycle, cancellationToken)));
    }

    private static ProblemHttpResult CycleNotFound(string businessKey) =>
        TypedResults.Problem($"There is no plan cycle '{businessKey}'.", statusCode: StatusCodes.Status404NotFound, title: "Cycle not found");

    private static byte[] StratmlBytes(PlanStratmlExport export, PlanContent plan, Uri source)
    {
        using var stream = new MemoryStream();
        export.Write(plan, source).Save(stream);
        return stream.ToArray();
    }

    /// <summary>The download's name: the business key, e.g. <c>mtp-1405-1408</c> (ASCII, so every browser keeps it).</summary>
    private static string FileName(PlanCycleRecord cycle) =>
        new([.. cycle.BusinessKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
}
