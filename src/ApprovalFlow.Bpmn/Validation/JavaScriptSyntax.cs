using Acornima;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>Checks JavaScript syntax with Acornima, the parser Jint runs on. Thread-safe.</summary>
internal static class JavaScriptSyntax
{
    /// <summary>
    /// Why the body of a <c>${...}</c> does not parse, or <see langword="null"/> when it does. The body is
    /// run as a script whose completion value is the result, so statements (<c>while (x) {...}</c>) parse
    /// too; the error reported is the one for reading it as an expression.
    /// </summary>
    public static string? ExpressionError(string source) =>
        Error(parser => parser.ParseExpression(source)) is { } error && ScriptError(source) is not null ? error : null;

    /// <summary>Why <paramref name="source"/> is not a JavaScript script (statements), or <see langword="null"/> when it is.</summary>
    public static string? ScriptError(string source) => Error(parser => parser.ParseScript(source));

    private static string? Error(Action<Parser> parse)
    {
        try
        {
            parse(new Parser());
            return null;
        }
        catch (ParseErrorException ex)
        {
            return ex.Message;
        }
    }
}
