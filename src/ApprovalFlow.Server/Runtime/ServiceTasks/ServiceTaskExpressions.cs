using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Expressions;

namespace ApprovalFlow.Server.Runtime.ServiceTasks;

/// <summary>
/// Evaluates a handler's <see cref="ServiceTaskContext.Properties"/> as the engine evaluates attributes
/// (architecture decision 6): a literal is its text, a whole <c>${...}</c> any JSON value, text mixed with
/// expressions a string. Runs in the engine's sandbox with the task's variables; "now" is read when called.
/// Thread-safe singleton.
/// </summary>
public sealed class ServiceTaskExpressions(IExpressionEvaluator evaluator, TimeProvider time)
{
    /// <summary>Evaluates <paramref name="text"/> against <paramref name="variables"/>.</summary>
    /// <param name="text">A property value as written.</param>
    /// <param name="variables">The variables visible to the task (<see cref="ServiceTaskContext.Variables"/>).</param>
    /// <returns>The value as JSON.</returns>
    /// <exception cref="ExpressionException">Syntax or runtime error, or a sandbox limit was hit.</exception>
    public JsonElement Evaluate(string text, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var expression = Expression.Parse(text);
        return expression.Script is null
            ? JsonSerializer.SerializeToElement(expression.Text)
            : evaluator.Evaluate(expression.Script, variables, time.GetUtcNow());
    }
}
