using System.Text.Json;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Evaluates the JavaScript of a <c>${...}</c> expression or a script task (architecture decision 6)
/// with process variables in scope. Implementations are sandboxed (no CLR access, statement, time and
/// memory limits) and thread-safe.
/// </summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates <paramref name="script"/> and returns its completion value as JSON.</summary>
    /// <param name="script">JavaScript source: an expression, a template literal, or script-task statements.</param>
    /// <param name="variables">Variables in scope, visible as global names; values are JSON.</param>
    /// <param name="now">The step's current instant (UTC), used by time functions such as <c>now()</c>.</param>
    /// <returns>
    /// The value as JSON: <c>undefined</c> becomes JSON <c>null</c>, a <c>Date</c> becomes an ISO 8601
    /// UTC string.
    /// </returns>
    /// <exception cref="ExpressionException">Syntax error, runtime error or a sandbox limit was hit.</exception>
    JsonElement Evaluate(string script, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now);
}
