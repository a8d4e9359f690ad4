using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Converts between <see cref="JsonElement"/> and Jint values. To JSON: <c>undefined</c> → <c>null</c>,
/// a <c>Date</c> → ISO 8601 UTC string, whole numbers within ±2^53 → integers. Functions, symbols,
/// BigInts, NaN/Infinity, cycles, getters and exotic objects (Map, Proxy, ...) are rejected with
/// <see cref="NotJsonException"/>; no script code runs during the conversion.
/// </summary>
internal static class JsonJsConverter
{
    private const double MaxSafeInteger = 9_007_199_254_740_991d;

    // Shared read-only elements (each owns its parsed bytes, nothing to dispose).
    private static readonly JsonElement True = JsonElement.Parse("true");
    private static readonly JsonElement False = JsonElement.Parse("false");
    private static readonly JsonElement Null = JsonElement.Parse("null");

    public static JsValue ToJs(Jint.Engine engine, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToJsObject(engine, element),
        JsonValueKind.Array => ToJsArray(engine, element),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        _ => JsValue.Null,
    };

    /// <summary>Converts a script's value to JSON of at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    /// <exception cref="NotJsonException">The value has no JSON form.</exception>
    /// <exception cref="Jint.Runtime.MemoryLimitExceededException">The JSON would be longer than <paramref name="maxBytes"/>.</exception>
    public static JsonElement ToJson(JsValue value, long maxBytes)
    {
        switch (value)
        {
            case JsBoolean: // Conditions: no writer, no document.
                return value.AsBoolean() ? True : False;
            case JsNull or JsUndefined:
                return Null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, value, new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance), maxBytes);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static JsObject ToJsObject(Jint.Engine engine, JsonElement element)
    {
        var result = new JsObject(engine);
        foreach (var property in element.EnumerateObject())
        {
            // An own data property, so "__proto__" stays data and cannot change the prototype.
            result.CreateDataProperty(property.Name, ToJs(engine, property.Value));
        }

        return result;
    }

    private static JsArray ToJsArray(Jint.Engine engine, JsonElement element)
    {
        var items = new JsValue[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[i++] = ToJs(engine, item);
        }

        return new JsArray(engine, items);
    }

    private static void Write(Utf8JsonWriter writer, JsValue value, HashSet<ObjectInstance> ancestors, long maxBytes)
    {
        if (writer.BytesCommitted + writer.BytesPending > maxBytes)
        {
            throw new Jint.Runtime.MemoryLimitExceededException($"The result is longer than {maxBytes} bytes of JSON.");
        }

        switch (value)
        {
            case JsNull or JsUndefined:
                writer.WriteNullValue();
                return;
            case JsBoolean:
                writer.WriteBooleanValue(value.AsBoolean());
                return;
            case JsString:
                writer.WriteStringValue(value.ToString());
                return;
            case JsNumber:
                WriteNumber(writer, value.AsNumber());
                return;
            case JsDate date:
                WriteDate(writer, date);
                return;
            case JsArray array:
                Enter(ancestors, array);
                WriteArray(writer, array, ancestors, maxBytes);
                ancestors.Remove(array);
                return;
            case JsObject obj:
                Enter(ancestors, obj);
                WriteObject(writer, obj, ancestors, maxBytes);
                ancestors.Remove(obj);
                return;
            default:
                throw new NotJsonException($"a {Describe(value)} cannot be represented as JSON");
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double number)
    {
        if (!double.IsFinite(number))
        {
            throw new NotJsonException($"the number {number.ToString(CultureInfo.InvariantCulture)} cannot be represented as JSON");
        }

        if (Math.Abs(number) <= MaxSafeInteger && number == Math.Floor(number))
        {
            writer.WriteNumberValue((long)number);
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, JsDate date)
    {
        if (double.IsNaN(date.DateValue))
        {
            throw new NotJsonException("an invalid Date cannot be represented as JSON");
        }

        var instant = DateTimeOffset.FromUnixTimeMilliseconds((long)date.DateValue);
        writer.WriteStringValue(instant.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
    }

    private static void WriteArray(Utf8JsonWriter writer, JsArray array, HashSet<ObjectInstance> ancestors, long maxBytes)
    {
        writer.WriteStartArray();
        var length = (uint)array.Get("length").AsNumber();
        for (uint i = 0; i < length; i++)
        {
            var descriptor = array.GetOwnProperty(i);
            if (descriptor.IsAccessorDescriptor())
            {
                throw new NotJsonException("an array element with a getter cannot be represented as JSON");
            }

            Write(writer, descriptor.Value ?? JsValue.Undefined, ancestors, maxBytes);
        }

        writer.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, JsObject obj, HashSet<ObjectInstance> ancestors, long maxBytes)
    {
        writer.WriteStartObject();
        foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (!descriptor.Enumerable)
            {
                continue;
            }

            if (descriptor.IsAccessorDescriptor())
            {
                throw new NotJsonException($"the property '{key}' has a getter and cannot be represented as JSON");
            }

            var propertyValue = descriptor.Value ?? JsValue.Undefined;
            if (propertyValue.IsUndefined())
            {
                continue; // As JSON.stringify does.
            }

            writer.WritePropertyName(key.ToString());
            Write(writer, propertyValue, ancestors, maxBytes);
        }

        writer.WriteEndObject();
    }

    private static void Enter(HashSet<ObjectInstance> ancestors, ObjectInstance value)
    {
        if (!ancestors.Add(value))
        {
            throw new NotJsonException("a value that contains itself (a cycle) cannot be represented as JSON");
        }

        if (ancestors.Count > 64)
        {
            throw new NotJsonException("a value nested deeper than 64 levels cannot be represented as JSON");
        }
    }

    private static string Describe(JsValue value) => value switch
    {
        Jint.Native.Function.Function => "function",
        JsSymbol => "symbol",
        JsBigInt => "BigInt",
        ObjectInstance obj => obj.GetType().Name.Replace("Js", string.Empty, StringComparison.Ordinal) + " object",
        _ => value.Type.ToString(),
    };
}

/// <summary>A JavaScript value has no JSON representation.</summary>
internal sealed class NotJsonException(string message) : Exception(message);
