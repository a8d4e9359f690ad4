using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>
/// A form-js condition (<c>conditional.hide</c>): an expression written <c>=...</c> in the subset of
/// FEEL (DMN 1.3 §10.3) that form conditions use. Supported: literals (numbers, <c>"strings"</c>,
/// <c>true</c>, <c>false</c>, <c>null</c>), paths (<c>decision</c>, <c>applicant.age</c>), comparisons
/// (<c>= != &lt; &lt;= &gt; &gt;=</c>), <c>and</c>, <c>or</c>, <c>not(x)</c>, <c>is defined(x)</c> and
/// parentheses. Anything else is refused when the form is read, so a form with a condition the server
/// cannot evaluate stops start-up instead of failing at completion. Evaluation follows FEEL's
/// three-valued logic: a comparison of values of different kinds, or an ordering of <c>null</c>, is
/// <c>null</c>, which does not hide. Immutable and thread-safe.
/// </summary>
public sealed class FeelCondition
{
    private readonly Node _root;

    private FeelCondition(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as written, with its leading <c>=</c>.</summary>
    public string Text { get; }

    /// <summary>Parses a condition.</summary>
    /// <param name="text">The expression, starting with <c>=</c> (form-js marks expressions so).</param>
    /// <exception cref="FormatException">The text is not an expression or uses FEEL beyond the supported subset; the message says what and where.</exception>
    public static FeelCondition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith('='))
        {
            throw new FormatException($"the condition \"{text}\" is not an expression: form-js expressions start with '='");
        }

        var parser = new Parser(text, 1);
        var root = parser.Disjunction();
        parser.ExpectEnd();
        return new FeelCondition(text, root);
    }

    /// <summary>Whether the condition is <c>true</c> (not <c>false</c>, not <c>null</c>) with names looked up by <paramref name="lookup"/>.</summary>
    /// <param name="lookup">The value of a top-level name, or <see langword="null"/> when it is not defined.</param>
    public bool IsTrue(Func<string, JsonElement?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return _root.Evaluate(lookup) is true;
    }

    private abstract record Node
    {
        public abstract object? Evaluate(Func<string, JsonElement?> lookup);
    }

    private sealed record Literal(object? Value) : Node
    {
        public override object? Evaluate(Func<string, JsonElement?> lookup) => Value;
    }

    private sealed record PathNode(IReadOnlyList<string> Names) : Node
    {
        public override object? Evaluate(Func<string, JsonElement?> lookup)
        {
            if (lookup(Names[0]) is not { } current)
            {
                return null;
            }

            foreach (var name in Names.Skip(1))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }

            return current.ValueKind switch
            {
                JsonValueKind.String => current.GetString(),
                JsonValueKind.Number => current.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => current,
            };
        }
    }

    private sealed record Not(Node Operand) : Node
    {
        public override object? Evaluate(Func<string, JsonElement?> lookup) => Operand.Evaluate(lookup) is bool value ? !value : null;
    }

    private sealed record IsDefined(Node Operand) : Node
    {
        public override object? Evaluate(Func<string, JsonElement?> lookup) => Operand.Evaluate(lookup) is not null;
    }

    private sealed record Logical(bool IsAnd, Node Left, Node Right) : Node
    {
        public override object? Evaluate(Func<string, JsonElement?> lookup)
        {
            var left = Left.Evaluate(lookup) as bool?;
            var right = Right.Evaluate(lookup) as bool?;
            if (IsAnd)
            {
                return left == false || right == false ? false : left == true && right == true ? true : null;
            }

            return left == true || right == true ? true : left == false && right == false ? false : null;
        }
    }

    private sealed record Comparison(string Operator, Node Left, Node Right) : Node
    {
        public override object? Evaluate(Func<string, JsonElement?> lookup)
        {
            var left = Left.Evaluate(lookup);
            var right = Right.Evaluate(lookup);
            if (Operator is "=" or "!=")
            {
                bool? equal = (left, right) switch
                {
                    (null, null) => true,
                    (null, _) or (_, null) => false,
                    (double a, double b) => a.Equals(b),
                    (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
                    (bool a, bool b) => a == b,
                    (JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b),
                    _ => null,
                };
                return Operator == "=" ? equal : !equal;
            }

            int? order = (left, right) switch
            {
                (double a, double b) => a.CompareTo(b),
                (string a, string b) => string.CompareOrdinal(a, b),
                _ => null,
            };
            return order is not { } o ? null : Operator switch
            {
                "<" => o < 0,
                "<=" => o <= 0,
                ">" => o > 0,
                _ => o >= 0,
            };
        }
    }

    /// <summary>A recursive-descent parser of the subset; every refusal names the position (1-based) and what was found.</summary>
    private sealed class Parser(string text, int start)
    {
        private static readonly HashSet<string> Unsupported = new(
            ["if", "then", "else", "for", "some", "every", "in", "between", "instance", "of", "function", "satisfies", "return"], StringComparer.Ordinal);

        private int _position = start;

        public Node Disjunction()
        {
            var left = Conjunction();
            while (TryKeyword("or"))
            {
                left = new Logical(false, left, Conjunction());
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_position < text.Length)
            {
                throw Refuse($"'{Describe()}' is not supported here");
            }
        }

        private Node Conjunction()
        {
            var left = ComparisonNode();
            while (TryKeyword("and"))
            {
                left = new Logical(true, left, ComparisonNode());
            }

            return left;
        }

        private Node ComparisonNode()
        {
            var left = Primary();
            SkipSpace();
            foreach (var op in (string[])["!=", "<=", ">=", "=", "<", ">"])
            {
                if (string.CompareOrdinal(text, _position, op, 0, op.Length) == 0)
                {
                    _position += op.Length;
                    return new Comparison(op, left, Primary());
                }
            }

            return left;
        }

        private Node Primary()
        {
            SkipSpace();
            if (_position >= text.Length)
            {
                throw Refuse("the expression ends where a value is expected");
            }

            var c = text[_position];
            if (c == '(')
            {
                _position++;
                var inner = Disjunction();
                Expect(')');
                return inner;
            }

            if (c == '"')
            {
                return new Literal(StringLiteral());
            }

            if (char.IsAsciiDigit(c) || (c == '-' && _position + 1 < text.Length && char.IsAsciiDigit(text[_position + 1])))
            {
                return new Literal(NumberLiteral());
            }

            if (!IsNameStart(c))
            {
                throw Refuse($"'{Describe()}' is not supported (supported: literals, paths, = != < <= > >=, and, or, not(), is defined())");
            }

            var name = Name();
            switch (name)
            {
                case "true":
                    return new Literal(true);
                case "false":
                    return new Literal(false);
                case "null":
                    return new Literal(null);
                case "not":
                    return new Not(Call("not"));
                case "is" when TryKeyword("defined"):
                    return new IsDefined(Call("is defined"));
                case "and" or "or":
                    throw Refuse($"'{name}' needs a value before it");
            }

            if (Unsupported.Contains(name))
            {
                throw Refuse($"'{name}' expressions are not supported");
            }

            var names = new List<string> { name };
            while (_position < text.Length && text[_position] == '.')
            {
                _position++;
                names.Add(Name());
            }

            SkipSpace();
            if (_position < text.Length && text[_position] is '(' or '[')
            {
                throw Refuse(text[_position] == '(' ? $"the function '{string.Join('.', names)}' is not supported (only not() and is defined())" : "filters and list access are not supported");
            }

            return new PathNode(names);
        }

        private Node Call(string function)
        {
            SkipSpace();
            if (_position >= text.Length || text[_position] != '(')
            {
                throw Refuse($"'{function}' must be called as {function}(...)");
            }

            _position++;
            var argument = Disjunction();
            Expect(')');
            return argument;
        }

        private string StringLiteral()
        {
            var value = new StringBuilder();
            for (_position++; _position < text.Length; _position++)
            {
                var c = text[_position];
                if (c == '"')
                {
                    _position++;
                    return value.ToString();
                }

                if (c == '\\' && _position + 1 < text.Length)
                {
                    var escaped = text[++_position];
                    value.Append(escaped switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '"' or '\\' or '\'' => escaped,
                        _ => throw Refuse($"the escape '\\{escaped}' is not supported"),
                    });
                    continue;
                }

                value.Append(c);
            }

            throw Refuse("a string is not closed with \"");
        }

        private double NumberLiteral()
        {
            var begin = _position;
            _position++;
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
            {
                _position++;
            }

            var literal = text[begin.._position];
            return double.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Refuse($"'{literal}' is not a number");
        }

        private string Name()
        {
            var begin = _position;
            if (_position >= text.Length || !IsNameStart(text[_position]))
            {
                throw Refuse("a name is expected");
            }

            while (_position < text.Length && (IsNameStart(text[_position]) || char.IsAsciiDigit(text[_position])))
            {
                _position++;
            }

            return text[begin.._position];
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            var end = _position + keyword.Length;
            if (string.CompareOrdinal(text, _position, keyword, 0, keyword.Length) == 0 && (end >= text.Length || !IsNameStart(text[end]) && !char.IsAsciiDigit(text[end])))
            {
                _position = end;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (_position >= text.Length || text[_position] != c)
            {
                throw Refuse($"'{c}' is expected");
            }

            _position++;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or '$';

        private string Describe() => _position >= text.Length ? "end" : text[_position..Math.Min(text.Length, _position + 10)];

        private FormatException Refuse(string why) =>
            new($"the condition \"{text}\" cannot be evaluated by the server: {why} (at character {_position + 1})");
    }
}
