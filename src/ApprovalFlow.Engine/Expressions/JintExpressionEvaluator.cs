using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Microsoft.Extensions.ObjectPool;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Runs expressions and script-task bodies with Jint (architecture decision 6), sandboxed: strict mode,
/// no CLR access, no <c>eval</c>/<c>Function</c>, and the time, statement, memory and recursion limits of
/// <see cref="ExpressionLimits"/>. Deterministic: <c>Date.now()</c>, <c>new Date()</c> and the global
/// <c>now()</c> return the step's instant, the time zone is UTC, the culture invariant, and
/// <c>Math.random()</c> throws. No single built-in call may allocate past the memory limit: strings a
/// script sizes (<c>repeat</c>, <c>padStart</c>, <c>join</c>, ...) and arrays are capped before they are
/// made (see <see cref="SizeGuards"/>), and the result's JSON is capped too.
/// <para>
/// No evaluation sees anything an earlier one did. A script that is one expression (every <c>${...}</c>)
/// runs in a pooled realm whose built-ins and global object are frozen, with its variables as parameters
/// of a function (never globals), so it cannot leave anything behind: assigning to a built-in fails with
/// a <c>TypeError</c>, and <c>Symbol.for</c> and the legacy <c>RegExp.$1</c>-style statics are absent. A
/// script with statements (a script task) runs in a fresh realm of its own, where it may declare globals
/// and change built-ins for itself. A realm whose evaluation failed is dropped. Parsed scripts are cached
/// (up to 1 024 distinct sources), and only the variables a script names are converted into its realm.
/// </para>
/// Thread-safe: concurrent evaluations use different realms.
/// </summary>
public sealed class JintExpressionEvaluator : IExpressionEvaluator
{
    private const int ScriptCacheCapacity = 1024;

    private readonly ExpressionLimits _limits;
    private readonly ExpressionFunction[] _functions;
    private readonly CancellationToken _cancellation;
    private readonly ConcurrentDictionary<string, CompiledScript> _scripts = new(StringComparer.Ordinal);
    private readonly DefaultObjectPool<SandboxRealm> _realms;

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

        _realms = new DefaultObjectPool<SandboxRealm>(new LockedRealmPolicy(this));
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

        var compiled = Prepare(script);
        try
        {
            return compiled.Parameters is { } parameters
                ? EvaluateInPool(compiled, parameters, variables, now)
                : EvaluateFresh(compiled, variables, now);
        }
        catch (Exception ex) when (Failure(script, ex) is { } failure)
        {
            throw failure;
        }
    }

    private JsonElement EvaluateInPool(CompiledScript compiled, string[] parameters, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        ulong present = 0;
        var count = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (variables.ContainsKey(parameters[i]))
            {
                present |= 1UL << i;
                count++;
            }
        }

        var realm = _realms.Get();
        var healthy = false;
        try
        {
            realm.Now = now;
            var function = realm.Function(compiled, present);
            var arguments = count == 0 ? [] : new JsValue[count];
            for (int i = 0, j = 0; j < count; i++)
            {
                if ((present & (1UL << i)) != 0)
                {
                    arguments[j++] = JsonJsConverter.ToJs(realm.Engine, variables[parameters[i]]);
                }
            }

            realm.Engine.Constraints.Reset(); // Time, statement and memory budgets start now, not at the realm's last script.
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var result = realm.Engine.Call(function, arguments);
            realm.Engine.Advanced.ProcessTasks(); // Promise jobs run now, inside this evaluation, as after a script.
            var json = Finish(result, allocatedBefore);
            healthy = true;
            return json;
        }
        finally
        {
            if (healthy)
            {
                _realms.Return(realm); // A realm an evaluation failed in may hold half-done state: dropped.
            }
        }
    }

    private JsonElement EvaluateFresh(CompiledScript compiled, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        var realm = SandboxRealm.Fresh(_limits, _functions, now, _cancellation);
        var engine = realm.Engine;
        var referenced = compiled.Prepared.ReferencedGlobals;
        foreach (var (name, value) in variables)
        {
            if (referenced is null || referenced.Contains(name))
            {
                engine.SetValue(name, JsonJsConverter.ToJs(engine, value));
            }
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        return Finish(engine.Evaluate(compiled.Prepared), allocatedBefore);
    }

    private JsonElement Finish(JsValue result, long allocatedBefore)
    {
        // Jint checks memory between statements; this also catches one last huge allocation.
        if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _limits.MemoryLimitBytes)
        {
            throw new MemoryLimitExceededException($"Script allocated more than {_limits.MemoryLimitBytes} bytes.");
        }

        return JsonJsConverter.ToJson(result, _limits.MemoryLimitBytes);
    }

    /// <summary>The <see cref="ExpressionException"/> for what a script's evaluation threw, or <see langword="null"/> for a bug of ours.</summary>
    private ExpressionException? Failure(string script, Exception ex) => ex switch
    {
        NotJsonException => new(script, ExpressionFailure.NotJson, $"The result is not JSON: {ex.Message}.", ex),
        JavaScriptException js => new(script, ExpressionFailure.Runtime, DescribeJavaScriptError(js), ex),
        TimeoutException => new(script, ExpressionFailure.Timeout, $"The script ran longer than {_limits.Timeout.TotalMilliseconds} ms.", ex),
        ExecutionCanceledException => new(script, ExpressionFailure.Timeout, "The script was cancelled.", ex),
        StatementsCountOverflowException => new(script, ExpressionFailure.StatementLimit, $"The script executed more than {_limits.MaxStatements} statements.", ex),
        MemoryLimitExceededException => new(script, ExpressionFailure.MemoryLimit, $"The script allocated more than {_limits.MemoryLimitBytes} bytes.", ex),
        RecursionDepthOverflowException => new(script, ExpressionFailure.MemoryLimit, $"The script recursed deeper than {_limits.MaxRecursionDepth} calls.", ex),
        JintException => new(script, ExpressionFailure.Runtime, ex.Message, ex),

        // Interpreter faults caused by the script (deeply nested source, huge arrays): still the script's fault.
        InsufficientExecutionStackException or ArgumentOutOfRangeException or InvalidOperationException => new(script, ExpressionFailure.Runtime, ex.Message, ex),
        _ => null,
    };

    private CompiledScript Prepare(string script)
    {
        if (_scripts.TryGetValue(script, out var cached))
        {
            return cached;
        }

        CompiledScript compiled;
        try
        {
            compiled = CompiledScript.Parse(script);
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

        _scripts.TryAdd(script, compiled);
        return compiled;
    }

    /// <summary>Makes locked realms for the pool; keeps up to twice the processor count of them.</summary>
    private sealed class LockedRealmPolicy(JintExpressionEvaluator evaluator) : IPooledObjectPolicy<SandboxRealm>
    {
        public SandboxRealm Create() => SandboxRealm.Locked(evaluator._limits, evaluator._functions, evaluator._cancellation);

        public bool Return(SandboxRealm obj) => true;
    }

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
