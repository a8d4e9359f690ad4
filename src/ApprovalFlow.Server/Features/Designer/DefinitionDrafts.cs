using System.Text;
using System.Xml;
using System.Xml.Linq;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Designer;

/// <summary>
/// The designer's drafts: one per definition key and user, saved whole on each autosave. A draft need not be a
/// valid BPMN process (it is work in progress) but must be a well-formed BPMN 2.0 file of at most 5 MiB. Scoped
/// (one <see cref="ApprovalFlowDbContext"/>); not thread-safe.
/// </summary>
public sealed class DefinitionDrafts(ApprovalFlowDbContext db, TimeProvider time)
{
    /// <summary>The longest definition key, as the definitions table holds it.</summary>
    public const int MaxKeyLength = 200;

    private static readonly XNamespace BpmnModel = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>Codes of the parser that mean the text is no BPMN file at all (rather than a process still being drawn).</summary>
    private static readonly HashSet<string> NotAFile =
        [DiagnosticCodes.InputTooLarge, DiagnosticCodes.UnsafeXml, DiagnosticCodes.NestedTooDeeply, DiagnosticCodes.MalformedXml, DiagnosticCodes.NotBpmn];

    /// <summary>The draft of <paramref name="key"/> by <paramref name="userId"/>, or <see langword="null"/>.</summary>
    public Task<DefinitionDraftRecord?> FindAsync(string key, string userId, CancellationToken cancellationToken) =>
        db.DefinitionDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key && d.UserId == userId, cancellationToken);

    /// <summary>
    /// Saves <paramref name="xml"/> as the draft of <paramref name="key"/> by <paramref name="userId"/> (replacing the
    /// previous one), stamped with the current time.
    /// </summary>
    /// <param name="key">A definition key (<see cref="KeyError"/> is <see langword="null"/> for it).</param>
    /// <param name="userId">The owner's user id.</param>
    /// <param name="xml">The BPMN file; well-formed, at most <see cref="BpmnParserOptions.DefaultMaxInputBytes"/> bytes in UTF-8.</param>
    /// <param name="baseVersion">The deployed version it started from, or <see langword="null"/> for a new definition.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The saved draft, or the reason it was refused (<see cref="DraftRefusal"/>).</returns>
    public async Task<(DefinitionDraftRecord? Draft, DraftRefusal? Refusal)> SaveAsync(
        string key, string userId, string xml, int? baseVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (KeyError(key) is { } keyError)
        {
            return (null, new DraftRefusal(DraftRefusalKind.InvalidKey, keyError));
        }

        if (Encoding.UTF8.GetByteCount(xml) > BpmnParserOptions.DefaultMaxInputBytes)
        {
            return (null, new DraftRefusal(DraftRefusalKind.TooLarge, $"The draft is larger than {BpmnParserOptions.DefaultMaxInputBytes} bytes (5 MiB) in UTF-8."));
        }

        var fileError = new BpmnParser().Parse(xml).Errors.FirstOrDefault(e => NotAFile.Contains(e.Code));
        if (fileError is not null)
        {
            return (null, new DraftRefusal(DraftRefusalKind.NotBpmn, $"The draft is not a BPMN 2.0 file: {fileError.Message} (line {fileError.Line}, column {fileError.Column})."));
        }

        var draft = await db.DefinitionDrafts.FirstOrDefaultAsync(d => d.Key == key && d.UserId == userId, cancellationToken);
        if (draft is null)
        {
            draft = new DefinitionDraftRecord { Key = key, UserId = userId, BpmnXml = xml };
            db.DefinitionDrafts.Add(draft);
        }

        draft.BpmnXml = xml;
        draft.BaseVersion = baseVersion;
        draft.SavedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return (draft, null);
    }

    /// <summary>Deletes the draft of <paramref name="key"/> by <paramref name="userId"/>; <see langword="false"/> when there was none.</summary>
    public async Task<bool> DeleteAsync(string key, string userId, CancellationToken cancellationToken) =>
        await db.DefinitionDrafts.Where(d => d.Key == key && d.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>
    /// Why <paramref name="key"/> cannot be a definition key, or <see langword="null"/>: a key is the BPMN process id,
    /// an XML NCName (BPMN 2.0.2 §8.3.1, <c>xsd:ID</c>) of at most <see cref="MaxKeyLength"/> characters.
    /// </summary>
    public static string? KeyError(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "The definition key is empty.";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"The definition key has {key.Length} characters; at most {MaxKeyLength} are allowed.";
        }

        try
        {
            XmlConvert.VerifyNCName(key);
            return null;
        }
        catch (XmlException)
        {
            return $"'{key}' is no valid definition key: it must start with a letter or '_' and hold only letters, digits, '-', '_' and '.'.";
        }
    }

    /// <summary>Whether <paramref name="xml"/> (a saved, well-formed draft) has a BPMN <c>process</c> whose id is <paramref name="key"/>.</summary>
    public static bool HasProcess(string xml, string key)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var processes = XDocument.Load(reader).Root?.Elements(BpmnModel + "process") ?? [];
        return processes.Any(p => (string?)p.Attribute("id") == key);
    }

    /// <summary>The file of a new definition: one executable process <paramref name="key"/> named <paramref name="name"/> with a none start event, and its diagram.</summary>
    public static string NewDefinitionXml(string key, string name)
    {
        var escapedName = System.Security.SecurityElement.Escape(name);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_{key}" targetNamespace="http://approvalflow.local/bpmn">
              <bpmn:process id="{key}" name="{escapedName}" isExecutable="true">
                <bpmn:startEvent id="StartEvent_1" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="BPMNDiagram_1">
                <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{key}">
                  <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                    <dc:Bounds x="180" y="160" width="36" height="36" />
                  </bpmndi:BPMNShape>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}

/// <summary>Why a draft was not saved.</summary>
/// <param name="Kind">The kind of refusal (the HTTP status it maps to).</param>
/// <param name="Detail">What is wrong, for people.</param>
public sealed record DraftRefusal(DraftRefusalKind Kind, string Detail);

/// <summary>Kinds of <see cref="DraftRefusal"/>.</summary>
public enum DraftRefusalKind
{
    /// <summary>The key is no valid definition key (400).</summary>
    InvalidKey,

    /// <summary>The file is over 5 MiB (413).</summary>
    TooLarge,

    /// <summary>The text is not well-formed XML or not a BPMN 2.0 file (422).</summary>
    NotBpmn,
}
