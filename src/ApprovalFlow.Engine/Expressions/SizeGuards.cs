using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Keeps the built-ins whose result size a script chooses inside the memory limit
/// (<see cref="ExpressionLimits.MemoryLimitBytes"/>): Jint counts allocation only between statements,
/// so one call such as <c>'x'.repeat(5e8)</c> would otherwise allocate a gigabyte before the check.
/// <c>String.prototype.repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>concat</c>, <c>replace</c>,
/// <c>replaceAll</c>, <c>Array.prototype.join</c> (and so <c>toString</c>) and <c>JSON.stringify</c>
/// work out the length of their result first (or as they build it) and fail with
/// <see cref="MemoryLimitExceededException"/> before allocating more than
/// <see cref="MaxStringLength"/> characters; arrays are held to <see cref="MaxArrayLength"/> elements by
/// Jint's <c>MaxArraySize</c>; <c>ArrayBuffer</c>, <c>SharedArrayBuffer</c> and the typed arrays are
/// removed (expressions have no use for them, and their constructors allocate what they are asked for).
/// </summary>
internal static class SizeGuards
{
    private static readonly string[] Removed =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array",
        "Uint16Array", "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
    ];

    /// <summary>The longest string a guarded built-in may make: a quarter of the limit in UTF-16 characters, so a few such strings still fit.</summary>
    public static long MaxStringLength(ExpressionLimits limits) => limits.MemoryLimitBytes / 8;

    /// <summary>The most elements an array may have: one per 16 bytes of the limit.</summary>
    public static uint MaxArrayLength(ExpressionLimits limits) => (uint)Math.Clamp(limits.MemoryLimitBytes / 16, 1, uint.MaxValue);

    /// <summary>Installs the guards in a fresh engine's realm.</summary>
    public static void Install(Jint.Engine engine, ExpressionLimits limits)
    {
        var max = MaxStringLength(limits);
        var global = engine.Global;
        foreach (var name in Removed)
        {
            global.RemoveOwnProperty(name);
        }

        var stringPrototype = Prototype(engine, "String");
        Wrap(engine, stringPrototype, "repeat", 1, (original, self, args) =>
        {
            var text = TypeConverter.ToString(self);
            var count = TypeConverter.ToIntegerOrInfinity(args.At(0));
            Check(count * text.Length, max, "String.prototype.repeat");
            return engine.Call(original, self, args);
        });
        foreach (var pad in new[] { "padStart", "padEnd" })
        {
            Wrap(engine, stringPrototype, pad, 2, (original, self, args) =>
            {
                Check(TypeConverter.ToLength(args.At(0)), max, $"String.prototype.{pad}");
                return engine.Call(original, self, args);
            });
        }

        Wrap(engine, stringPrototype, "concat", 1, (_, self, args) =>
        {
            var parts = new string[args.Length + 1];
            parts[0] = TypeConverter.ToString(self);
            double length = parts[0].Length;
            for (var i = 0; i < args.Length; i++)
            {
                parts[i + 1] = TypeConverter.ToString(args[i]);
                length += parts[i + 1].Length;
                Check(length, max, "String.prototype.concat");
            }

            return new JsString(string.Concat(parts));
        });
        foreach (var replace in new[] { "replace", "replaceAll" })
        {
            Wrap(engine, stringPrototype, replace, 2, (original, self, args) => Replace(engine, original, self, args, max, $"String.prototype.{replace}"));
        }

        var joining = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        Wrap(engine, Prototype(engine, "Array"), "join", 1, (_, self, args) => Join(joining, self, args, max));
        var json = (ObjectInstance)engine.GetValue("JSON");
        Wrap(engine, json, "stringify", 3, (original, self, args) => Stringify(engine, original, self, args, max));
    }

    private static ObjectInstance Prototype(Jint.Engine engine, string constructor) =>
        (ObjectInstance)((ObjectInstance)engine.GetValue(constructor)).Get("prototype");

    private static void Wrap(Jint.Engine engine, ObjectInstance target, string name, int length, Func<Function, JsValue, JsValue[], JsValue> guarded)
    {
        var original = (Function)target.Get(name);
        target.FastSetDataProperty(name, new ClrFunction(engine, name, (self, args) => guarded(original, self, args), length));
    }

    private static void Check(double length, long max, string builtIn)
    {
        if (length > max)
        {
            throw new MemoryLimitExceededException($"{builtIn} would make a string of {length:0} characters; at most {max} fit in the memory limit.");
        }
    }

    /// <summary>
    /// <c>replace</c>/<c>replaceAll</c>: a function replacer's results are counted as they come; a string
    /// replacement bounds the result by (matches + 1) × its expanded length (a <c>$</c> pattern may insert
    /// the whole input) before the original runs.
    /// </summary>
    private static JsValue Replace(Jint.Engine engine, Function original, JsValue self, JsValue[] args, long max, string builtIn)
    {
        var text = TypeConverter.ToString(self);
        var replacement = args.At(1);
        if (replacement is Function replacer)
        {
            double produced = text.Length;
            var counting = new ClrFunction(engine, "replacer", (thisObj, arguments) =>
            {
                var part = engine.Call(replacer, thisObj, arguments);
                produced += TypeConverter.ToString(part).Length;
                Check(produced, max, builtIn);
                return part;
            }, 2);
            return engine.Call(original, self, [args.At(0), counting]);
        }

        var value = TypeConverter.ToString(replacement);
        double perMatch = value.Contains('$', StringComparison.Ordinal) ? (double)value.Length * (text.Length + 2) : value.Length;
        Check(text.Length + ((text.Length + 1d) * perMatch), max, builtIn);
        return engine.Call(original, self, args);
    }

    /// <summary><c>Array.prototype.join</c> (ECMA-262 §23.1.3.18) that stops at the limit; a cyclic array joins as empty, as engines do.</summary>
    private static JsString Join(HashSet<ObjectInstance> joining, JsValue self, JsValue[] args, long max)
    {
        var separator = args.At(0).IsUndefined() ? "," : TypeConverter.ToString(args.At(0));
        if (self is not ObjectInstance array)
        {
            var text = TypeConverter.ToString(self);
            Check(text.Length + (Math.Max(text.Length - 1, 0) * (double)separator.Length), max, "Array.prototype.join");
            return new JsString(string.Join(separator, text.Select(c => c.ToString())));
        }

        if (!joining.Add(array))
        {
            return JsString.Empty;
        }

        try
        {
            var length = TypeConverter.ToLength(array.Get("length"));
            Check(Math.Max(length - 1, 0) * (double)separator.Length, max, "Array.prototype.join");
            var builder = new StringBuilder();
            for (ulong k = 0; k < length; k++)
            {
                if (k > 0)
                {
                    builder.Append(separator);
                }

                var element = array.Get(k);
                if (!element.IsNull() && !element.IsUndefined())
                {
                    var part = TypeConverter.ToString(element);
                    Check(builder.Length + (double)part.Length, max, "Array.prototype.join");
                    builder.Append(part);
                }
            }

            return new JsString(builder.ToString());
        }
        finally
        {
            joining.Remove(array);
        }
    }

    /// <summary>
    /// <c>JSON.stringify</c> with a replacer function that counts the text each value adds (its key, and
    /// its own text for strings, numbers and booleans) and stops at the limit; the script's own replacer
    /// function runs inside it, and an array replacer or none behaves as usual.
    /// </summary>
    private static JsValue Stringify(Jint.Engine engine, Function original, JsValue self, JsValue[] args, long max)
    {
        var replacer = args.At(1);
        var space = args.At(2);
        var indent = space.IsNumber() ? Math.Clamp(TypeConverter.ToIntegerOrInfinity(space), 0, 10)
            : space.IsString() ? Math.Min(TypeConverter.ToString(space).Length, 10) : 0;
        if (replacer is ObjectInstance and not Function && !replacer.IsNull())
        {
            return engine.Call(original, self, args);
        }

        double produced = 0;
        var counting = new ClrFunction(engine, "replacer", (holder, arguments) =>
        {
            var value = replacer is Function own ? engine.Call(own, holder, arguments) : arguments.At(1);
            produced += TypeConverter.ToString(arguments.At(0)).Length + 4 + indent + (value.IsString() ? TypeConverter.ToString(value).Length + 2d
                : value.IsNumber() || value.IsBoolean() ? TypeConverter.ToString(value).Length : 0);
            Check(produced, max, "JSON.stringify");
            return value;
        }, 2);
        return engine.Call(original, self, [args.At(0), counting, space]);
    }
}
