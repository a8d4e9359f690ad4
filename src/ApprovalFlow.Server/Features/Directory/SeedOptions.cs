using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.Directory;

/// <summary>
/// Demo data settings (section <c>Seed</c>), validated at start-up by data annotations and
/// <see cref="SeedOptionsValidator"/>. Read once at start by <see cref="DemoSeeder"/>.
/// </summary>
public sealed class SeedOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Seed";

    /// <summary>Default of <see cref="AdminEmail"/>.</summary>
    public const string DefaultAdminEmail = "admin@approvalflow.local";

    /// <summary>Default of <see cref="DemoPassword"/>.</summary>
    public const string DefaultDemoPassword = "Demo!2345";

    /// <summary>Default of <see cref="DirectoryFile"/>: the file the build copies from <c>deploy/seed/</c> to the output directory.</summary>
    public const string DefaultDirectoryFile = "seed/mashhad-directory.json";

    /// <summary>
    /// Seed the demo users and directory at start-up. Default: <see langword="true"/> when the host
    /// environment is <c>Development</c>, otherwise <see langword="false"/>.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>E-mail of the seeded admin (role <c>admin</c>); default <c>admin@approvalflow.local</c>.</summary>
    [Required]
    [EmailAddress]
    public string AdminEmail { get; set; } = DefaultAdminEmail;

    /// <summary>
    /// Password of every seeded user (admin, process owner, officials); default <c>Demo!2345</c>.
    /// Must satisfy Identity's password rules (by default at least 6 characters with an upper-case
    /// and a lower-case letter, a digit and a non-alphanumeric character). Only set when a user is
    /// created: changing it later does not reset existing passwords.
    /// </summary>
    [Required]
    public string DemoPassword { get; set; } = DefaultDemoPassword;

    /// <summary>
    /// The demo directory file (format: <c>deploy/seed/README.md</c>). An absolute path, or a path
    /// relative to the content root or, failing that, to the application's base directory (where the
    /// build copies <c>deploy/seed/mashhad-directory.json</c> as <c>seed/mashhad-directory.json</c>, so the
    /// default works under <c>dotnet run</c>, in tests and in published builds).
    /// Default <c>seed/mashhad-directory.json</c>.
    /// </summary>
    [Required]
    public string DirectoryFile { get; set; } = DefaultDirectoryFile;

    /// <summary>
    /// The paths <see cref="DirectoryFile"/> may name, in the order they are tried: itself when
    /// absolute, else under <paramref name="contentRoot"/> and then under the application's base directory.
    /// </summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>One or two full paths.</returns>
    public IReadOnlyList<string> DirectoryFileCandidates(string contentRoot) => Hosting.ContentPaths.Candidates(DirectoryFile, contentRoot);

    /// <summary>The first of <see cref="DirectoryFileCandidates"/> that exists, or <see langword="null"/>.</summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>The full path of the directory file, or <see langword="null"/> when none exists.</returns>
    public string? ResolveDirectoryFile(string contentRoot) => Hosting.ContentPaths.Resolve(DirectoryFile, contentRoot, File.Exists);
}
