using System.Text.Json;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// A host function made callable from expressions and scripts as a global, e.g. <c>workingDays(3)</c>.
/// Register it through the <see cref="JintExpressionEvaluator"/> constructor.
/// </summary>
/// <param name="Name">
/// The global name; a JavaScript identifier (letters, digits, <c>_</c>, <c>$</c>, not starting with a
/// digit), unique among the registered functions and not <c>now</c>. A process variable with the same
/// name hides the function.
/// </param>
/// <param name="Invoke">
/// The implementation. It receives the call context and the arguments converted to JSON
/// (<c>undefined</c> → <c>null</c>, a <c>Date</c> → ISO 8601 UTC string); its result is converted back
/// to a JavaScript value. It must be deterministic (use <see cref="ExpressionCallContext.Now"/>, never
/// the clock) and thread-safe. An exception it throws becomes a JavaScript <c>Error</c>, so the
/// evaluation fails with <see cref="ExpressionFailure.Runtime"/> unless the script catches it.
/// </param>
public sealed record ExpressionFunction(
    string Name,
    Func<ExpressionCallContext, IReadOnlyList<JsonElement>, JsonElement> Invoke);

/// <summary>What a registered <see cref="ExpressionFunction"/> knows about the evaluation calling it.</summary>
/// <param name="Now">The current instant (UTC) of the engine step, as passed to the evaluator.</param>
public sealed record ExpressionCallContext(DateTimeOffset Now);
