using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// A well-formed sample body for a JSON schema of the service's OpenAPI document (<c>/openapi/v1.json</c>, OpenAPI 3.1):
/// every property present with a value of its type, references followed to a bounded depth.
/// </summary>
internal sealed class JsonSamples(JsonElement openApi)
{
    private const int MaxDepth = 6;

    private static readonly string[] Unions = ["oneOf", "anyOf", "allOf"];

    /// <summary>The request body schema of <paramref name="method"/> <paramref name="path"/> (OpenAPI path syntax), if documented as JSON.</summary>
    public JsonElement? RequestSchema(string method, string path) =>
        openApi.GetProperty("paths").TryGetProperty(path, out var item)
        && item.TryGetProperty(method.ToLowerInvariant(), out var operation)
        && operation.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("schema", out var schema)
            ? schema
            : null;

    /// <summary>A sample value of <paramref name="schema"/>.</summary>
    public JsonNode? Sample(JsonElement schema, int depth = 0)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var name = reference.GetString()!.Split('/')[^1];
            return Sample(openApi.GetProperty("components").GetProperty("schemas").GetProperty(name), depth + 1);
        }

        foreach (var union in Unions)
        {
            if (schema.TryGetProperty(union, out var choices))
            {
                return choices.EnumerateArray().Select(c => Sample(c, depth + 1)).FirstOrDefault(n => n is not null);
            }
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        return Type(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => schema.TryGetProperty("items", out var items) && depth <= MaxDepth ? new JsonArray(Sample(items, depth + 1)) : new JsonArray(),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            "string" => JsonValue.Create(Format(schema) switch
            {
                "uuid" => "0190f2a4-0000-7000-8000-000000000002",
                "date" => "2026-05-20",
                "date-time" => "2026-05-20T08:00:00Z",
                _ => "sample",
            }),
            _ => null,
        };
    }

    private JsonObject Object(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties) && depth <= MaxDepth)
        {
            foreach (var property in properties.EnumerateObject())
            {
                result[property.Name] = Sample(property.Value, depth + 1);
            }
        }

        return result;
    }

    /// <summary>The schema's type, the first that is not <c>null</c> when it is a list (OpenAPI 3.1).</summary>
    private static string? Type(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;
}
