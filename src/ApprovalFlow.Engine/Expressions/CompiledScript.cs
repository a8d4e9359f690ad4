using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// A script parsed once (strict mode) and shared by every evaluation of the same source text. A script
/// that is one expression (the shape of every <c>${...}</c>) also gets <see cref="Parameters"/>: the free
/// names it reads, which a pooled realm passes as the parameters of an arrow function wrapping the
/// expression, so no variable ever becomes a global of the shared realm. Thread-safe.
/// </summary>
internal sealed class CompiledScript
{
    private const int MaxParameters = 64; // A bit per parameter in the presence mask.

    private readonly ConcurrentDictionary<ulong, Prepared<Script>> _wrappers = new();
    private readonly string? _expression;

    private CompiledScript(string source, Prepared<Script> prepared)
    {
        Source = source;
        Prepared = prepared;
        var program = prepared.Program!;
        if (program.Body is [ExpressionStatement statement] && prepared.ReferencedGlobals is { Count: <= MaxParameters } names
            && !names.Contains("arguments") && !names.Contains("eval"))
        {
            // "arguments" and "eval" cannot be parameter names in strict mode; such scripts keep the fresh realm.
            Parameters = [.. names];
            _expression = source[statement.Expression.Start..statement.Expression.End];
        }
    }

    /// <summary>The script's source text.</summary>
    public string Source { get; }

    /// <summary>The parsed script, with the free names it references.</summary>
    public Prepared<Script> Prepared { get; }

    /// <summary>
    /// The free names a one-expression script reads (host functions and built-ins among them), or
    /// <see langword="null"/> when the script has statements or declarations and must run in a fresh realm.
    /// </summary>
    public string[]? Parameters { get; }

    /// <summary>Parses <paramref name="source"/> in strict mode, collecting the free names it references.</summary>
    /// <remarks>Throws Jint's <c>ScriptPreparationException</c> when the source is not valid JavaScript.</remarks>
    public static CompiledScript Parse(string source) =>
        new(source, Jint.Engine.PrepareScript(source, strict: true, options: new ScriptPreparationOptions { CollectReferencedGlobals = true }));

    /// <summary>
    /// The arrow function <c>(a, b) => (expression)</c> whose parameters are the <see cref="Parameters"/>
    /// whose bit is set in <paramref name="present"/> (the variables the evaluation has); the other free
    /// names resolve to the realm's globals, as they would in a fresh realm. Its <c>this</c> is the global
    /// object and <c>arguments</c> is not defined, as at the top level of a script.
    /// </summary>
    public Prepared<Script> Wrapper(ulong present) => _wrappers.GetOrAdd(present, static (mask, self) => self.PrepareWrapper(mask), this);

    private Prepared<Script> PrepareWrapper(ulong present)
    {
        var names = Parameters!.Where((_, i) => (present & (1UL << i)) != 0);

        // The expression's own text (without a trailing semicolon or comments) parsed alone as the whole of an
        // expression statement, so between parentheses and line breaks it is the same expression: its
        // brackets balance, it cannot close the wrapper.
        return Jint.Engine.PrepareScript($"(({string.Join(", ", names)}) => (\n{_expression}\n))", strict: true);
    }
}
