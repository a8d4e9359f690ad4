using Acornima;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>Checks JavaScript syntax with Acornima, the parser Jint runs on. Thread-safe.</summary>
internal static class JavaScriptSyntax
{
    /// <summary>The deepest nesting of brackets (<c>( [ {</c>) accepted in one expression or script.</summary>
    public const int MaxNesting = 100;

    /// <summary>Why a source is refused when it nests deeper than the parser (or later the evaluator) can follow.</summary>
    public static readonly string TooDeep = $"expression nested too deeply (at most {MaxNesting} levels of brackets and operators).";

    /// <summary>
    /// Why the body of a <c>${...}</c> does not parse, or <see langword="null"/> when it does. The body is
    /// run as a script whose completion value is the result, so statements (<c>while (x) {...}</c>) parse
    /// too; the error reported is the one for reading it as an expression.
    /// </summary>
    public static string? ExpressionError(string source) =>
        Error(source, parser => parser.ParseExpression(source)) is { } error && ScriptError(source) is not null ? error : null;

    /// <summary>Why <paramref name="source"/> is not a JavaScript script (statements), or <see langword="null"/> when it is.</summary>
    public static string? ScriptError(string source) => Error(source, parser => parser.ParseScript(source));

    /// <summary>
    /// Refuses sources nested deeper than <see cref="MaxNesting"/> brackets before parsing (the same
    /// answer on every thread, whatever its stack), and turns the parser's stack guard, hit by deep
    /// nesting without brackets, into the same answer instead of an exception.
    /// </summary>
    private static string? Error(string source, Action<Parser> parse)
    {
        if (BracketDepth(source) > MaxNesting)
        {
            return TooDeep;
        }

        try
        {
            parse(new Parser());
            return null;
        }
        catch (ParseErrorException ex)
        {
            return ex.Message;
        }
        catch (InsufficientExecutionStackException)
        {
            return TooDeep;
        }
    }

    /// <summary>The deepest nesting of <c>( [ {</c> outside string and template literals.</summary>
    private static int BracketDepth(string source)
    {
        int depth = 0, deepest = 0;
        var quote = '\0';
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"' or '`':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    deepest = Math.Max(deepest, ++depth);
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
            }
        }

        return deepest;
    }
}
