using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Directory;

/// <summary>
/// Rules of <see cref="SeedOptions"/> beyond data annotations, all reported at once: the demo password
/// satisfies Identity's password rules (as configured in <see cref="IdentityOptions.Password"/>), the
/// admin is not the process owner, and with <see cref="SeedOptions.Demo"/> on the directory file exists.
/// </summary>
internal sealed class SeedOptionsValidator(IOptions<IdentityOptions> identity, IHostEnvironment environment) : IValidateOptions<SeedOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.DemoPassword))
        {
            var broken = BrokenPasswordRules(options.DemoPassword, identity.Value.Password);
            if (broken.Count > 0)
            {
                failures.Add($"Seed:DemoPassword does not satisfy Identity's password rules: it needs {string.Join(", ", broken)}.");
            }
        }

        if (string.Equals(options.AdminEmail, DemoSeeder.OwnerEmail, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Seed:AdminEmail must differ from the demo process owner's e-mail '{DemoSeeder.OwnerEmail}'.");
        }

        if (options.Demo && !string.IsNullOrEmpty(options.DirectoryFile) && options.ResolveDirectoryFile(environment.ContentRootPath) is null)
        {
            failures.Add($"Seed:DirectoryFile '{options.DirectoryFile}' was not found (looked at {string.Join(" and ", options.DirectoryFileCandidates(environment.ContentRootPath))}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The rules of <paramref name="rules"/> that <paramref name="password"/> breaks, as Identity's <c>PasswordValidator</c> checks them.</summary>
    internal static List<string> BrokenPasswordRules(string password, PasswordOptions rules)
    {
        var broken = new List<string>();
        if (password.Length < rules.RequiredLength)
        {
            broken.Add($"at least {rules.RequiredLength} characters");
        }

        if (rules.RequireDigit && !password.Any(char.IsAsciiDigit))
        {
            broken.Add("a digit (0-9)");
        }

        if (rules.RequireLowercase && !password.Any(char.IsAsciiLetterLower))
        {
            broken.Add("a lower-case letter (a-z)");
        }

        if (rules.RequireUppercase && !password.Any(char.IsAsciiLetterUpper))
        {
            broken.Add("an upper-case letter (A-Z)");
        }

        if (rules.RequireNonAlphanumeric && password.All(char.IsAsciiLetterOrDigit))
        {
            broken.Add("a non-alphanumeric character");
        }

        if (password.Distinct().Count() < rules.RequiredUniqueChars)
        {
            broken.Add($"at least {rules.RequiredUniqueChars} different characters");
        }

        return broken;
    }
}
