namespace ApprovalFlow.Server.Hosting;

/// <summary>
/// Resolves the file and folder settings (<c>Workflows:Directory</c>, <c>Calendar:HolidaysDirectory</c>,
/// <c>Seed:DirectoryFile</c>) one way: an absolute path as it is; a relative one under the host's content
/// root or, when nothing is there, under the application's base directory, where the build copies the
/// repository's shipped files. So the service finds them whether it runs from the repository root, its
/// project folder or its output folder. Thread-safe (pure, apart from the existence check).
/// </summary>
public static class ContentPaths
{
    /// <summary>The full paths <paramref name="path"/> may name, in the order they are tried.</summary>
    /// <param name="path">The configured path, absolute or relative.</param>
    /// <param name="contentRoot">The host's content root (<c>IHostEnvironment.ContentRootPath</c>).</param>
    /// <returns><paramref name="path"/> alone when absolute, else it under <paramref name="contentRoot"/> and under the base directory.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static IReadOnlyList<string> Candidates(string path, string contentRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.IsPathFullyQualified(path)
            ? [path]
            : [Path.GetFullPath(path, contentRoot), Path.GetFullPath(path, AppContext.BaseDirectory)];
    }

    /// <summary>The first of <see cref="Candidates"/> for which <paramref name="exists"/> holds, or <see langword="null"/>.</summary>
    /// <param name="path">The configured path, absolute or relative.</param>
    /// <param name="contentRoot">The host's content root.</param>
    /// <param name="exists"><see cref="File.Exists"/> for a file, <see cref="Directory.Exists"/> for a folder.</param>
    /// <returns>The full path found, or <see langword="null"/> when none exists.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static string? Resolve(string path, string contentRoot, Func<string?, bool> exists) =>
        Candidates(path, contentRoot).FirstOrDefault(exists);
}
