namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// A BPMN attribute or body that may hold a <c>${...}</c> expression (architecture decision 6:
/// expressions are JavaScript). Immutable.
/// </summary>
/// <remarks>
/// Three shapes, decided by <see cref="Parse"/>:
/// <list type="bullet">
/// <item>a literal (<c>chair-group</c>): <see cref="Script"/> is <see langword="null"/>;</item>
/// <item>one whole expression (<c>${decision == 'approve'}</c>): <see cref="Script"/> is the JavaScript
/// between the braces and evaluates to any JSON value;</item>
/// <item>text mixed with expressions (<c>wg-${workingGroup.id}-chair</c>): <see cref="Script"/> is a
/// JavaScript template literal and evaluates to a string.</item>
/// </list>
/// </remarks>
/// <param name="Text">The attribute text exactly as written in the file.</param>
/// <param name="Script">JavaScript source to evaluate, or <see langword="null"/> for a literal.</param>
public sealed record Expression(string Text, string? Script)
{
    /// <summary><see langword="true"/> when the text holds no <c>${...}</c>.</summary>
    public bool IsLiteral => Script is null;

    /// <summary>
    /// Classifies <paramref name="text"/> as a literal, a whole expression or a template.
    /// Does not check JavaScript syntax (the validator does).
    /// </summary>
    /// <param name="text">Attribute or element text; leading and trailing white space is ignored.</param>
    /// <returns>The expression; never <see langword="null"/>.</returns>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var start = trimmed.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return new Expression(trimmed, null);
        }

        if (start == 0 && trimmed.EndsWith('}') && trimmed.IndexOf("${", 2, StringComparison.Ordinal) < 0
            && ClosingBrace(trimmed, 2) == trimmed.Length - 1)
        {
            return new Expression(trimmed, trimmed[2..^1].Trim());
        }

        return new Expression(trimmed, ToTemplateLiteral(trimmed));
    }

    /// <summary>
    /// Like <see cref="Parse"/> for a condition (<c>conditionExpression</c>, <c>completionCondition</c>):
    /// the literal texts <c>true</c> and <c>false</c> become the JavaScript booleans, so they hold (or
    /// not) as written. Any other literal stays a literal, which the validator refuses for a condition.
    /// </summary>
    /// <param name="text">The element's text; leading and trailing white space is ignored.</param>
    /// <returns>The expression; never <see langword="null"/>.</returns>
    public static Expression ParseCondition(string text)
    {
        var expression = Parse(text);
        return expression is { IsLiteral: true, Text: "true" or "false" } ? expression with { Script = expression.Text } : expression;
    }

    /// <summary>The text for messages: at most 80 characters, cut with an ellipsis.</summary>
    public string Excerpt => Text.Length <= 80 ? Text : string.Concat(Text.AsSpan(0, 79), "…");

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string ToTemplateLiteral(string text)
    {
        var builder = new System.Text.StringBuilder("`");
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            var literalEnd = start < 0 ? text.Length : start;
            foreach (var c in text.AsSpan(i, literalEnd - i))
            {
                if (c is '`' or '\\' or '$')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            if (start < 0)
            {
                break;
            }

            var end = ClosingBrace(text, start + 2);
            if (end < 0)
            {
                builder.Append("${").Append(text.AsSpan(start + 2)).Append('}');
                break;
            }

            builder.Append("${").Append(text.AsSpan(start + 2, end - start - 2)).Append('}');
            i = end + 1;
        }

        return builder.Append('`').ToString();
    }

    /// <summary>Index of the brace closing an expression whose body starts at <paramref name="from"/>, or -1.</summary>
    private static int ClosingBrace(string text, int from)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
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
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
            }
        }

        return -1;
    }
}
