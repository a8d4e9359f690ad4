using ApprovalFlow.Engine.Runtime;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Runtime;

/// <summary>Stops start-up when a setting of section <c>Engine</c> is out of range, reporting every one at once.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
