using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Runs expressions and script-task bodies with Jint (architecture decision 6), sandboxed: strict mode,
/// no CLR access, no <c>eval</c>/<c>Function</c>, and the time, statement, memory and recursion limits of
/// <see cref="ExpressionLimits"/>. Deterministic: <c>Date.now()</c>, <c>new Date()</c> and the global
/// <c>now()</c> return the step's instant, the time zone is UTC, the culture invariant, and
/// <c>Math.random()</c> throws. No single built-in call may allocate past the memory limit: strings a
/// script sizes (<c>repeat</c>, <c>padStart</c>, <c>join</c>, ...) and arrays are capped before they are
/// made (see <see cref="SizeGuards"/>), and the result's JSON is capped too. Thread-safe: every evaluation runs in its own fresh JavaScript realm, so
/// variables, global assignments and changes to built-ins never leak into the next evaluation; parsed
/// scripts are cached (up to 1 024 distinct sources), and only the variables a script names are
/// converted into its realm.
/// </summary>
public sealed class JintExpressionEvaluator : IExpressionEvaluator
{
    private const int ScriptCacheCapacity = 1024;

    /// <summary>Scripts record the global names they read, so only those variables are converted to JavaScript.</summary>
    private static readonly ScriptPreparationOptions PreparationOptions = new() { CollectReferencedGlobals = true };

    private readonly ExpressionLimits _limits;
    private readonly ExpressionFunction[] _functions;
    private readonly CancellationToken _cancellation;
    private readonly ConcurrentDictionary<string, Prepared<Script>> _scripts = new(StringComparer.Ordinal);

    /// <summary>Creates the evaluator.</summary>
    /// <param name="functions">Host functions callable from scripts as globals; none when <see langword="null"/>.</param>
    /// <param name="limits">Sandbox limits; <see cref="ExpressionLimits.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellation">
    /// Stops running scripts when cancelled (e.g. host shutdown); they fail with
    /// <see cref="ExpressionFailure.Timeout"/>.
    /// </param>
    /// <exception cref="ArgumentException">A function name is not an identifier, is <c>now</c>, or is registered twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public JintExpressionEvaluator(
        IEnumerable<ExpressionFunction>? functions = null,
        ExpressionLimits? limits = null,
        CancellationToken cancellation = default)
    {
        _limits = limits ?? ExpressionLimits.Default;
        _limits.Validate();
        _functions = functions?.ToArray() ?? [];
        _cancellation = cancellation;

        var names = new HashSet<string>(StringComparer.Ordinal) { "now" };
        foreach (var function in _functions)
        {
            ArgumentNullException.ThrowIfNull(function, nameof(functions));
            if (!IsIdentifier(function.Name))
            {
                throw new ArgumentException($"Expression function name '{function.Name}' is not a JavaScript identifier.", nameof(functions));
            }

            if (!names.Add(function.Name))
            {
                throw new ArgumentException($"Expression function '{function.Name}' is reserved or registered twice.", nameof(functions));
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A statement script's value is the completion value of its last expression statement
    /// (<c>var x = a + 1; x * 2</c> gives <c>x * 2</c>). Whole numbers within ±2^53 come back as JSON
    /// integers. A variable named like a registered function or <c>now</c> hides it.
    /// </remarks>
    public JsonElement Evaluate(string script, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);

        var prepared = Prepare(script);
        try
        {
            var engine = CreateEngine(now);
            var referenced = prepared.ReferencedGlobals;
            foreach (var (name, value) in variables)
            {
                if (referenced is null || referenced.Contains(name))
                {
                    engine.SetValue(name, JsonJsConverter.ToJs(engine, value));
                }
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var result = engine.Evaluate(prepared);

            // Jint checks memory between statements; this also catches one last huge allocation.
            if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _limits.MemoryLimitBytes)
            {
                throw new MemoryLimitExceededException($"Script allocated more than {_limits.MemoryLimitBytes} bytes.");
            }

            return JsonJsConverter.ToJson(result, _limits.MemoryLimitBytes);
        }
        catch (NotJsonException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.NotJson, $"The result is not JSON: {ex.Message}.", ex);
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.Runtime, DescribeJavaScriptError(ex), ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.Timeout, $"The script ran longer than {_limits.Timeout.TotalMilliseconds} ms.", ex);
        }
        catch (ExecutionCanceledException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.Timeout, "The script was cancelled.", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.StatementLimit, $"The script executed more than {_limits.MaxStatements} statements.", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.MemoryLimit, $"The script allocated more than {_limits.MemoryLimitBytes} bytes.", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.MemoryLimit, $"The script recursed deeper than {_limits.MaxRecursionDepth} calls.", ex);
        }
        catch (JintException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.Runtime, ex.Message, ex);
        }
        catch (Exception ex) when (ex is InsufficientExecutionStackException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Interpreter faults caused by the script (deeply nested source, huge arrays): still the script's fault.
            throw new ExpressionException(script, ExpressionFailure.Runtime, ex.Message, ex);
        }
    }

    private Prepared<Script> Prepare(string script)
    {
        if (_scripts.TryGetValue(script, out var cached))
        {
            return cached;
        }

        Prepared<Script> prepared;
        try
        {
            prepared = Jint.Engine.PrepareScript(script, strict: true, options: PreparationOptions);
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.Syntax, DescribeSyntaxError(ex), ex);
        }
        catch (ParseErrorException ex)
        {
            throw new ExpressionException(script, ExpressionFailure.Syntax, DescribeSyntaxError(ex), ex);
        }

        if (_scripts.Count >= ScriptCacheCapacity)
        {
            _scripts.Clear(); // Crude but bounded; definitions use far fewer distinct scripts.
        }

        _scripts.TryAdd(script, prepared);
        return prepared;
    }

    private Jint.Engine CreateEngine(DateTimeOffset now)
    {
        var engine = new Jint.Engine(options =>
        {
            options.Strict();
            options.TimeoutInterval(_limits.Timeout);
            options.MaxStatements(_limits.MaxStatements);
            options.LimitMemory(_limits.MemoryLimitBytes);
            options.Constraints.MaxArraySize = SizeGuards.MaxArrayLength(_limits);
            options.LimitRecursion(_limits.MaxRecursionDepth);
            options.Constraints.StackOverflowGuard = true; // Native recursion (JSON.stringify of deep arrays) throws RangeError instead of crashing.
            options.Constraints.RegexTimeout = _limits.Timeout;
            if (_cancellation.CanBeCanceled)
            {
                options.CancellationToken(_cancellation);
            }

            options.Interop.Enabled = false;
            options.Host.StringCompilationAllowed = false;
            options.TimeZone = TimeZoneInfo.Utc;
            options.Culture = CultureInfo.InvariantCulture;
            options.TimeSystem = new FixedTimeSystem(now);
        });

        SizeGuards.Install(engine, _limits);
        var math = (ObjectInstance)engine.GetValue("Math");
        math.FastSetDataProperty("random", new ClrFunction(engine, "random", (_, _) =>
            throw new JavaScriptException(engine.Intrinsics.Error, "Math.random() is not available: expressions must be deterministic")));

        engine.SetValue("now", new ClrFunction(engine, "now", (_, _) => new JsDate(engine, now)));

        if (_functions.Length > 0)
        {
            var context = new ExpressionCallContext(now);
            foreach (var function in _functions)
            {
                engine.SetValue(function.Name, CreateFunction(engine, function, context, _limits));
            }
        }

        return engine;
    }

    private static ClrFunction CreateFunction(Jint.Engine engine, ExpressionFunction function, ExpressionCallContext context, ExpressionLimits limits) =>
        new(engine, function.Name, (_, arguments) =>
        {
            var json = new JsonElement[arguments.Length];
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

            JsonElement result;
            try
            {
                result = function.Invoke(context, json);
            }
#pragma warning disable CA1031 // A host function's failure is reported to the script as a JavaScript Error.
            catch (Exception ex) when (ex is not JavaScriptException)
#pragma warning restore CA1031
            {
                throw new JavaScriptException(engine.Intrinsics.Error, $"{function.Name}(): {ex.Message}", ex);
            }

            return JsonJsConverter.ToJs(engine, result);
        });

    private static string DescribeJavaScriptError(JavaScriptException ex)
    {
        var text = ex.Error is ObjectInstance error && error.Get("name") is JsString name
            ? $"{name}: {ex.Message}"
            : $"Uncaught {ex.Message}";
        var start = ex.Location.Start;
        return start.Line > 0
            ? $"{text} (line {start.Line}, column {start.Column + 1})"
            : text;
    }

    private static string DescribeSyntaxError(Exception ex)
    {
        var parse = ex as ParseErrorException ?? ex.InnerException as ParseErrorException;
        return parse is null
            ? $"SyntaxError: {ex.Message}"
            : $"SyntaxError: {parse.Description} (line {parse.LineNumber}, column {parse.Column})";
    }

    private static bool IsIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
