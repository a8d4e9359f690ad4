using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// One sandboxed Jint engine (its own JavaScript realm): strict mode, no CLR access, no <c>eval</c> or
/// <c>Function</c>, the limits of <see cref="ExpressionLimits"/>, the <see cref="SizeGuards"/>, a clock
/// pinned to <see cref="Now"/>, <c>Math.random()</c> failing, and the globals <c>now()</c> and the host
/// functions.
/// <para>
/// A <em>fresh</em> realm serves one evaluation and is dropped. A <em>locked</em> realm is pooled and serves
/// one-expression scripts (<see cref="CompiledScript.Parameters"/>) one at a time: before its first use every
/// object reachable from its global object, and the intrinsics only reachable from values (iterator,
/// generator and async prototypes, <c>%ThrowTypeError%</c>, ...), is frozen, and the realm-wide state a script
/// could otherwise read back later is removed (the legacy <c>RegExp.$1</c>/<c>lastMatch</c>/<c>input</c>
/// statics, the <c>Symbol.for</c> registry). Variables are parameters of a per-script arrow function
/// (<see cref="Function"/>), never globals, and in strict mode an expression cannot declare a global; so
/// nothing one evaluation does is visible to the next, it can only fail (a <c>TypeError</c> when it assigns
/// to a built-in). Not thread-safe: one evaluation at a time.
/// </para>
/// </summary>
internal sealed class SandboxRealm
{
    private const int MaxFunctions = 1024;

    private static readonly string[] LegacyRegExpStatics =
    [
        "input", "$_", "lastMatch", "$&", "lastParen", "$+", "leftContext", "$`", "rightContext", "$'",
        "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9",
    ];

    /// <summary>
    /// Values whose prototype chains hold the intrinsics no global property leads to, one small script each
    /// (a built-in this Jint lacks fails with a JavaScript error and is skipped).
    /// </summary>
    private static readonly string[] HiddenIntrinsics =
    [
        "[][Symbol.iterator]()", "''[Symbol.iterator]()", "new Map()[Symbol.iterator]()", "new Set()[Symbol.iterator]()",
        "'a'.matchAll(/a/g)", "(function* () { })", "(function* () { })()", "(async function () { })", "(async function* () { })",
        "(async function* () { })()", "(async () => { })", "[].values().map(x => x)", "Iterator.from({ next() { return { done: true }; } })",
        "(function () { return arguments; })()", "new Intl.Segmenter().segment('a')", "new Intl.Segmenter().segment('a')[Symbol.iterator]()",
        "Promise.resolve()", "new Error()", "/a/",
    ];

    private readonly FixedTimeSystem _clock = new(default);
    private readonly StepDeadline? _deadline;
    private readonly Dictionary<(CompiledScript Script, ulong Present), JsValue> _functions = [];

    private SandboxRealm(ExpressionLimits limits, IReadOnlyList<ExpressionFunction> functions, bool pooled, CancellationToken cancellation)
    {
        _deadline = pooled ? new StepDeadline(limits.Timeout) : null;
        Engine = new Jint.Engine(options =>
        {
            options.Strict();
            if (_deadline is null)
            {
                options.TimeoutInterval(limits.Timeout);
            }
            else
            {
                options.Constraint(_deadline);
            }

            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MemoryLimitBytes);
            options.Constraints.MaxArraySize = SizeGuards.MaxArrayLength(limits);
            options.LimitRecursion(limits.MaxRecursionDepth);
            options.Constraints.StackOverflowGuard = true; // Native recursion (JSON.stringify of deep arrays) throws RangeError instead of crashing.
            options.Constraints.RegexTimeout = limits.Timeout;
            if (cancellation.CanBeCanceled)
            {
                options.CancellationToken(cancellation);
            }

            options.Interop.Enabled = false;
            options.Host.StringCompilationAllowed = false;
            options.TimeZone = TimeZoneInfo.Utc;
            options.Culture = CultureInfo.InvariantCulture;
            options.TimeSystem = _clock;
        });

        var engine = Engine;
        SizeGuards.Install(engine, limits);
        var math = (ObjectInstance)engine.GetValue("Math");
        math.FastSetDataProperty("random", new ClrFunction(engine, "random", (_, _) =>
            throw new JavaScriptException(engine.Intrinsics.Error, "Math.random() is not available: expressions must be deterministic")));

        engine.SetValue("now", new ClrFunction(engine, "now", (_, _) => new JsDate(engine, Now)));
        foreach (var function in functions)
        {
            engine.SetValue(function.Name, HostFunction(function, limits));
        }
    }

    /// <summary>The engine; its global object is frozen when the realm is locked.</summary>
    public Jint.Engine Engine { get; }

    /// <summary>The step's instant: what <c>now()</c>, <c>Date.now()</c> and the host functions' context see.</summary>
    public DateTimeOffset Now
    {
        get => _clock.Now;
        set => _clock.Now = value;
    }

    /// <summary>A realm for one evaluation of any script.</summary>
    public static SandboxRealm Fresh(ExpressionLimits limits, IReadOnlyList<ExpressionFunction> functions, DateTimeOffset now, CancellationToken cancellation) =>
        new(limits, functions, pooled: false, cancellation) { Now = now };

    /// <summary>A realm with frozen intrinsics and global object, for pooling.</summary>
    public static SandboxRealm Locked(ExpressionLimits limits, IReadOnlyList<ExpressionFunction> functions, CancellationToken cancellation)
    {
        var realm = new SandboxRealm(limits, functions, pooled: true, cancellation);
        realm.Lockdown();
        realm._deadline!.Armed = true;
        return realm;
    }

    /// <summary>
    /// The arrow function of <paramref name="script"/> (<see cref="CompiledScript.Wrapper"/>) in this realm,
    /// made on first use and kept (up to 1 024 per realm).
    /// </summary>
    public JsValue Function(CompiledScript script, ulong present)
    {
        if (!_functions.TryGetValue((script, present), out var function))
        {
            if (_functions.Count >= MaxFunctions)
            {
                _functions.Clear();
            }

            function = Engine.Evaluate(script.Wrapper(present));
            _functions[(script, present)] = function;
        }

        return function;
    }

    private void Lockdown()
    {
        var engine = Engine;
        var regExp = (ObjectInstance)engine.GetValue("RegExp");
        foreach (var name in LegacyRegExpStatics)
        {
            regExp.RemoveOwnProperty(name);
        }

        var symbol = (ObjectInstance)engine.GetValue("Symbol");
        symbol.RemoveOwnProperty("for");
        symbol.RemoveOwnProperty("keyFor");

        var pending = new Stack<JsValue>();
        pending.Push(engine.Global);
        foreach (var script in HiddenIntrinsics)
        {
            try
            {
                pending.Push(engine.Evaluate(script));
            }
            catch (JavaScriptException)
            {
                // Not a built-in of this Jint version, so nothing to freeze.
            }
        }

        var freeze = ((ObjectInstance)engine.GetValue("Object")).Get("freeze");
        var frozen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var value))
        {
            if (value is not ObjectInstance target || !frozen.Add(target))
            {
                continue;
            }

            engine.Call(freeze, target);
            if (target.Prototype is { } prototype)
            {
                pending.Push(prototype);
            }

            foreach (var key in target.GetOwnPropertyKeys())
            {
                var property = target.GetOwnProperty(key);
                foreach (var reachable in (ReadOnlySpan<JsValue?>)[property.Value, property.Get, property.Set])
                {
                    if (reachable is not null)
                    {
                        pending.Push(reachable);
                    }
                }
            }
        }
    }

    private ClrFunction HostFunction(ExpressionFunction function, ExpressionLimits limits) =>
        new(Engine, function.Name, (_, arguments) =>
        {
            var engine = Engine;
            var json = new System.Text.Json.JsonElement[arguments.Length];
            try
            {
                for (var i = 0; i < arguments.Length; i++)
                {
                    json[i] = JsonJsConverter.ToJson(arguments[i], limits.MemoryLimitBytes);
                }
            }
            catch (NotJsonException ex)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"{function.Name}(): an argument is not JSON: {ex.Message}");
            }

            System.Text.Json.JsonElement result;
            try
            {
                result = function.Invoke(new ExpressionCallContext(Now), json);
            }
#pragma warning disable CA1031 // A host function's failure is reported to the script as a JavaScript Error.
            catch (Exception ex) when (ex is not JavaScriptException)
#pragma warning restore CA1031
            {
                throw new JavaScriptException(engine.Intrinsics.Error, $"{function.Name}(): {ex.Message}", ex);
            }

            return JsonJsConverter.ToJs(engine, result);
        });
}
