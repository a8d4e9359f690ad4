using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Checks every JSON request body (content type <c>application/json</c> or <c>+json</c>) before an
/// endpoint binds it, at every depth, and answers a 400 problem naming the place when the body is not
/// valid UTF-8 (RFC 8259 §8.1), has a property name twice in one object (RFC 8259 §4 leaves the meaning
/// open; System.Text.Json would keep the last), holds a number that is not a finite IEEE 754 double
/// (<c>1e400</c>), or has a property name that is <see cref="RequestRules.ReservedNames">reserved</see>
/// or contains a <see cref="RequestRules.BidiControl">bidirectional control</see>. A body that is not
/// JSON at all is left to the endpoint's binding, which says what is malformed.
/// </summary>
internal sealed class JsonBodyRulesMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<JsonBodyRulesMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasJsonContentType() || request.ContentLength == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }

        request.EnableBuffering();
        var body = await ReadAsync(request, context.RequestAborted);
        request.Body.Position = 0;
        if (Problem(body) is { } detail)
        {
            ApiLog.BadRequest(logger, request.Method, request.Path, StatusCodes.Status400BadRequest, detail);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid JSON body", Detail = detail },
            });
            return;
        }

        await next(context);
    }

    /// <summary>Why <paramref name="body"/> is refused, or <see langword="null"/>; a body that is not well-formed JSON is not refused here.</summary>
    internal static string? Problem(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            var offset = 0;
            while (System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                offset += consumed;
            }

            return $"The request body is not valid UTF-8: the byte 0x{body[offset]:X2} at offset {offset} does not begin a valid UTF-8 sequence. Send JSON encoded as UTF-8.";
        }

        try
        {
            return Scan(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Scan(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            var top = frames.Count > 0 ? frames[^1] : null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var path = top is null ? string.Empty : top.Child();
                    top?.Advance();
                    frames.Add(new Frame(path, reader.TokenType == JsonTokenType.StartObject));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    if (NameProblem(top!, ReadName(ref reader)) is { } problem)
                    {
                        return problem;
                    }

                    break;
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    {
                        return $"{Where(top)} is the number {Encoding.UTF8.GetString(reader.ValueSpan)}, which is not a finite IEEE 754 double; send a number between ±1.7976931348623157e308.";
                    }

                    top?.Advance();
                    break;
                default:
                    top?.Advance();
                    break;
            }
        }

        return null;
    }

    private static string? NameProblem(Frame frame, string? name)
    {
        if (name is null)
        {
            frame.Property = null;
            return null;
        }

        var path = frame.Path.Length == 0 ? string.Empty : $" in {frame.Path}";
        if (!frame.Names!.Add(name))
        {
            return $"The property '{name}' appears twice{path}; each name may appear once in an object.";
        }

        if (RequestRules.ReservedNames.Contains(name))
        {
            return $"The property name '{name}'{path} is reserved (JavaScript uses it for prototypes) and is refused.";
        }

        if (RequestRules.BidiControl(name) is { } control)
        {
            return $"The property name at {frame.Named(name)} contains the bidirectional control U+{(int)control:X4}, which can disguise what is shown; remove it.";
        }

        frame.Property = name;
        return null;
    }

    /// <summary>The name, or <see langword="null"/> when its escapes make invalid UTF-16 (reported later by <see cref="RequestRules"/>).</summary>
    private static string? ReadName(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Where(Frame? frame) => frame is null ? "The request body" : frame.Child();

    private static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>An open object or array: its path, and the names seen or the next index.</summary>
    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;

        public HashSet<string>? Names { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public string? Property { get; set; }

        private int _index;

        public string Child() => Names is null ? $"{Path}[{_index}]" : Named(Property ?? "?");

        public string Named(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

        public void Advance()
        {
            if (Names is null)
            {
                _index++;
            }
        }
    }
}
