using System.Text.Json;
using ApprovalFlow.Engine.Expressions;

namespace ApprovalFlow.Engine.Tests.Expressions;

/// <summary>
/// One-expression scripts (every <c>${...}</c>) run in a pooled realm that is reused from one evaluation
/// to the next (<see cref="OneExpression_ReusesItsRealm_AllocatingAFractionOfAFreshRealm"/> shows it is):
/// whatever an evaluation tries to leave behind — a global, a changed or polluted built-in, a regular
/// expression's last match, a promise job — the next evaluation must not see. Each pair below runs on the
/// same evaluator and thread, so the second evaluation gets the first one's realm.
/// </summary>
public sealed class PooledRealmIsolationTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 7, 8, 30, 15, 123, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, JsonElement> NoVariables = new Dictionary<string, JsonElement>();

    private readonly JintExpressionEvaluator _evaluator = new();

    private JsonElement Eval(string script, IReadOnlyDictionary<string, JsonElement>? variables = null) =>
        _evaluator.Evaluate(script, variables ?? NoVariables, Now);

    /// <summary>Runs <paramref name="script"/>; whether it fails does not matter, what the next evaluation sees does.</summary>
    private void Attempt(string script)
    {
        try
        {
            Eval(script);
        }
        catch (ExpressionException)
        {
            // A frozen built-in answers the attempt with a TypeError; the next evaluation is what is checked.
        }
    }

    private static Dictionary<string, JsonElement> Variable(string name, object value) =>
        new(StringComparer.Ordinal) { [name] = JsonSerializer.SerializeToElement(value) };

    [Fact]
    public void OneExpression_ReusesItsRealm_AllocatingAFractionOfAFreshRealm()
    {
        var variables = Variable("initiator", "alice");
        Eval("initiator", variables);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("alice", Eval("initiator", variables).GetString());
        }

        var perEvaluation = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // A fresh realm costs about 30 KB; a reused one the call, the argument and the result.
        Assert.True(perEvaluation < 3_000, $"{perEvaluation:N0} bytes per evaluation");
    }

    [Fact]
    public void AnAssignmentToAnUndeclaredName_DoesNotCreateAGlobal()
    {
        var ex = Assert.Throws<ExpressionException>(() => Eval("x = 5"));
        Assert.StartsWith("ReferenceError", ex.Message, StringComparison.Ordinal);

        Assert.Equal("undefined", Eval("typeof x").GetString());
    }

    [Fact]
    public void AnAssignmentToAVariable_ChangesOnlyThisEvaluationsCopy()
    {
        Assert.Equal(5, Eval("x = 5", Variable("x", 1)).GetInt32());

        Assert.Equal(1, Eval("x", Variable("x", 1)).GetInt32());
        Assert.Equal("undefined", Eval("typeof x").GetString());
    }

    [Theory]
    [InlineData("globalThis.leak = 1")]
    [InlineData("Object.defineProperty(globalThis, 'leak', { value: 1 })")]
    [InlineData("Reflect.set(globalThis, 'leak', 1)")]
    public void APropertyAddedToTheGlobalObject_IsNotThereNextTime(string attempt)
    {
        Attempt(attempt);

        Assert.Equal("undefined", Eval("typeof leak").GetString());
        Assert.Equal("undefined", Eval("typeof globalThis.leak").GetString());
    }

    [Theory]
    [InlineData("Object.prototype.foo = 1")]
    [InlineData("Object.defineProperty(Object.prototype, 'foo', { value: 1 })")]
    [InlineData("({}).__proto__.foo = 1")]
    [InlineData("Object.setPrototypeOf(Object.prototype, { foo: 1 })")]
    public void PrototypePollution_DoesNotReachTheNextEvaluation(string attempt)
    {
        Attempt(attempt);

        Assert.Equal(JsonValueKind.Null, Eval("({}).foo").ValueKind);
        Assert.True(Eval("!('foo' in {})").GetBoolean());
    }

    [Fact]
    public void ChangedBuiltIns_FailAndStayAsTheyWere()
    {
        var ex = Assert.Throws<ExpressionException>(() => Eval("Math.max = () => -1"));
        Assert.Equal(ExpressionFailure.Runtime, ex.Reason);
        Assert.StartsWith("TypeError", ex.Message, StringComparison.Ordinal);

        Attempt("JSON.stringify = () => 'hacked'");
        Attempt("Array.prototype.includes = () => false");
        Attempt("delete Math.PI");
        Attempt("String.prototype.toUpperCase = function () { return 'x'; }");
        Attempt("Math.max.leak = 1");
        Attempt("Date.now = () => 0");

        Assert.Equal(3, Eval("Math.max(1, 3)").GetInt32());
        Assert.Equal("[1]", Eval("JSON.stringify([1])").GetString());
        Assert.True(Eval("[1].includes(1)").GetBoolean());
        Assert.True(Eval("Math.PI > 3.14").GetBoolean());
        Assert.Equal("AB", Eval("'ab'.toUpperCase()").GetString());
        Assert.Equal("undefined", Eval("typeof Math.max.leak").GetString());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Eval("Date.now()").GetInt64());
    }

    [Fact]
    public void IntrinsicsReachableOnlyFromValues_AreFrozenToo()
    {
        Attempt("Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true })");
        Attempt("Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).leak = 1");
        Attempt("Object.getPrototypeOf(function* () { }).leak = 1");

        Assert.Equal(2, Eval("[...[1, 2]].length").GetInt32());
        Assert.True(Eval("""
            [
              Object.getPrototypeOf([][Symbol.iterator]()),
              Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
              Object.getPrototypeOf(''[Symbol.iterator]()),
              Object.getPrototypeOf(new Map()[Symbol.iterator]()),
              Object.getPrototypeOf('a'.matchAll(/a/g)),
              Object.getPrototypeOf(function* () { }),
              Object.getPrototypeOf(async function () { }),
              Object.getPrototypeOf(async () => { }),
              Object.getPrototypeOf((function* () { })()).__proto__,
              globalThis, Object.prototype, Function.prototype, Math, JSON, now,
            ].every(Object.isFrozen)
            """).GetBoolean());
    }

    [Fact]
    public void ARegularExpressionsLastMatch_IsNotReadableLater()
    {
        Assert.Equal("s3cret", Eval("/(s\\w+)/.exec(secret)[1]", Variable("secret", "s3cret")).GetString());

        Assert.Equal("undefined,undefined,undefined,undefined", Eval("[typeof RegExp.$1, typeof RegExp.lastMatch, typeof RegExp.input, typeof RegExp['$_']].join()").GetString());
    }

    [Fact]
    public void TheSymbolRegistry_IsNotShared()
    {
        Assert.Equal("undefined", Eval("typeof Symbol.for").GetString());
    }

    [Fact]
    public void APromiseJob_RunsInItsOwnEvaluation_NotTheNext()
    {
        Assert.Equal(0, Eval("(Promise.resolve().then(() => { globalThis.late = 1; }), 0)").GetInt32());

        Assert.Equal("undefined", Eval("typeof late").GetString());
    }

    [Fact]
    public void ThisAndArguments_AreAsAtTheTopLevelOfAScript()
    {
        Assert.True(Eval("this === globalThis").GetBoolean());
        Assert.Equal("undefined", Eval("typeof arguments").GetString());
    }

    [Fact]
    public void TheClock_IsEachEvaluationsOwnInstant()
    {
        var calls = new ExpressionFunction("stepNow", (context, _) => JsonSerializer.SerializeToElement(context.Now));
        var evaluator = new JintExpressionEvaluator([calls]);
        var later = Now.AddDays(3);

        Assert.Equal(Now, evaluator.Evaluate("now()", NoVariables, Now).GetDateTimeOffset());
        Assert.Equal(later, evaluator.Evaluate("now()", NoVariables, later).GetDateTimeOffset());
        Assert.Equal(later.ToUnixTimeMilliseconds(), evaluator.Evaluate("Date.now()", NoVariables, later).GetInt64());
        Assert.Equal(Now, evaluator.Evaluate("stepNow()", NoVariables, Now).GetDateTimeOffset());
        Assert.Equal(later, evaluator.Evaluate("stepNow()", NoVariables, later).GetDateTimeOffset());
    }

    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public void TheStatementLimit_StopsAnExpression_AndTheNextOneRunsAfresh()
    {
        var evaluator = new JintExpressionEvaluator(limits: new ExpressionLimits { Timeout = Never, MaxStatements = 1_000 });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("(() => { for (;;) { } })()", NoVariables, Now));
        Assert.Equal(ExpressionFailure.StatementLimit, ex.Reason);

        // The budget is per evaluation: 600 statements twice in a row both fit.
        var loop = "(() => { let i = 0; while (i < 300) { i++; } return i; })()";
        Assert.Equal(300, evaluator.Evaluate(loop, NoVariables, Now).GetInt32());
        Assert.Equal(300, evaluator.Evaluate(loop, NoVariables, Now).GetInt32());
    }

    [Fact]
    public void TheTimeLimit_StopsAnExpression()
    {
        var evaluator = new JintExpressionEvaluator(limits: new ExpressionLimits { Timeout = TimeSpan.FromMilliseconds(100), MaxStatements = int.MaxValue });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("(() => { for (;;) { } })()", NoVariables, Now));
        Assert.Equal(ExpressionFailure.Timeout, ex.Reason);
        Assert.Equal(2, evaluator.Evaluate("1 + 1", NoVariables, Now).GetInt32());
    }

    [Fact]
    public void TheRecursionAndMemoryLimits_StopAnExpression()
    {
        var evaluator = new JintExpressionEvaluator(limits: new ExpressionLimits { Timeout = Never, MaxStatements = int.MaxValue });

        var deep = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("(function f(n) { return f(n + 1) + 1; })(0)", NoVariables, Now));
        Assert.Equal(ExpressionFailure.MemoryLimit, deep.Reason);
        Assert.Contains("recursed deeper than 64", deep.Message, StringComparison.Ordinal);

        var big = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("(() => { let s = 'x'; for (;;) { s = s + s; } })()", NoVariables, Now));
        Assert.Equal(ExpressionFailure.MemoryLimit, big.Reason);
        Assert.Equal(3, evaluator.Evaluate("[1, 2, 3].length", NoVariables, Now).GetInt32());
    }

    [Theory]
    [InlineData("System.IO")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("(() => { try { return eval('1'); } catch (e) { return Function('return 1')(); } })()")]
    [InlineData("new ShadowRealm().evaluate('1')")]
    public void ClrAndCodeGeneration_AreNotAvailableInThePooledRealm(string script)
    {
        Assert.Equal(ExpressionFailure.Runtime, Assert.Throws<ExpressionException>(() => Eval(script)).Reason);
    }

    [Fact]
    public void ATrailingSemicolonOrComment_StillEvaluatesTheExpression()
    {
        Assert.Equal(3, Eval("a + 1; // the amount", Variable("a", 2)).GetInt32());
        Assert.Equal(3, Eval("(a, a + 1) /* both */", Variable("a", 2)).GetInt32());
    }
}
