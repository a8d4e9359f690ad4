using Acornima;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>Checks JavaScript syntax with Acornima, the parser Jint runs on. Thread-safe.</summary>
internal static class JavaScriptSyntax
{
    /// <summary>Why <paramref name="source"/> is not one JavaScript expression, or <see langword="null"/> when it is.</summary>
    public static string? ExpressionError(string source) => Error(parser => parser.ParseExpression(source));

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
