using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>Checks the durations of <see cref="SignInProtectionOptions"/>, reporting every wrong one at once.</summary>
internal sealed class SignInProtectionOptionsValidator : IValidateOptions<SignInProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInProtectionOptions options)
    {
        var failures = new List<string>();
        Positive(options.ClientWindow, nameof(options.ClientWindow));
        Positive(options.AccountWindow, nameof(options.AccountWindow));
        Positive(options.FirstDelay, nameof(options.FirstDelay));
        Positive(options.FailureMemory, nameof(options.FailureMemory));
        Positive(options.AccountFailureWindow, nameof(options.AccountFailureWindow));
        if (options.MaxDelay < options.FirstDelay)
        {
            failures.Add($"{SignInProtectionOptions.Section}:MaxDelay ({options.MaxDelay}) must be at least FirstDelay ({options.FirstDelay}).");
        }

        if (options.SessionRevalidationInterval < TimeSpan.Zero)
        {
            failures.Add($"{SignInProtectionOptions.Section}:SessionRevalidationInterval must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{SignInProtectionOptions.Section}:{setting} must be a positive duration (it is {value}).");
            }
        }
    }
}
