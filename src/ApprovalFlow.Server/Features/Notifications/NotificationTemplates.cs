using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Hosting;
using ApprovalFlow.Server.Web;
using Fluid;
using Fluid.Values;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>A rendered mail: subject, HTML body and plain-text part.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="Text">The plain-text part.</param>
public sealed record RenderedMail(string Subject, string Html, string Text);

/// <summary>
/// The Liquid (Fluid) e-mail templates of <see cref="NotificationOptions.TemplatesDirectory"/>, one file
/// <c>&lt;kind&gt;.&lt;language&gt;.liquid</c> per kind and language, all parsed once at start-up. A template's
/// output is the HTML body; it sets the subject with <c>{% capture subject %}</c> and the plain-text part
/// with <c>{% capture text %}</c>. The filter <c>digits</c> writes digits in the mail's script (Persian for
/// <c>fa</c>). Thread-safe singleton.
/// </summary>
public sealed partial class NotificationTemplates
{
    /// <summary>The file name ending of a template.</summary>
    public const string Extension = ".liquid";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly Dictionary<string, IFluidTemplate> _templates;
    private readonly TemplateOptions _options = new();

    private NotificationTemplates(Dictionary<string, IFluidTemplate> templates)
    {
        _templates = templates;
        _options.Filters.AddFilter("digits", (input, _, context) =>
        {
            var text = input.ToStringValue();
            return new StringValue(context.GetValue("language").ToStringValue() == UserLanguage.Persian ? PersianDigits.ToPersian(text) : text);
        });
        _options.CultureInfo = CultureInfo.InvariantCulture;
    }

    /// <summary>Parses every template of <paramref name="directory"/> and checks each kind has one per language.</summary>
    /// <param name="directory">The templates folder (full path).</param>
    /// <returns>The templates.</returns>
    /// <exception cref="InvalidTemplateException">A template has a syntax error (file, line and column named) or one is missing.</exception>
    public static NotificationTemplates Load(string directory)
    {
        var templates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        var problems = new List<string>();
        var parser = new FluidParser();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            if (parser.TryParse(File.ReadAllText(file), out var template, out var error))
            {
                templates[Path.GetFileName(file)[..^Extension.Length]] = template;
                continue;
            }

            var position = Position().Match(error);
            problems.Add(position.Success
                ? $"{file} line {position.Groups["line"].Value}, column {position.Groups["column"].Value}: {error}"
                : $"{file}: {error}");
        }

        foreach (var kind in NotificationKinds.WithOwnTemplate)
        {
            foreach (var language in UserLanguage.Cultures)
            {
                if (!templates.ContainsKey($"{kind}.{language}") && !problems.Exists(p => p.Contains($"{kind}.{language}{Extension}", StringComparison.Ordinal)))
                {
                    problems.Add($"{Path.Combine(directory, $"{kind}.{language}{Extension}")} is missing.");
                }
            }
        }

        return problems.Count == 0 ? new NotificationTemplates(templates) : throw new InvalidTemplateException(problems);
    }

    /// <summary>The templates folder <paramref name="options"/> names, or <see langword="null"/> when it does not exist.</summary>
    public static string? Resolve(NotificationOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.TemplatesDirectory) ? null : ContentPaths.Resolve(options.TemplatesDirectory, contentRoot, System.IO.Directory.Exists);
    }

    /// <summary>Whether there is a template named <paramref name="template"/> (at least its Persian file).</summary>
    public bool Has(string template) => _templates.ContainsKey($"{template}.{UserLanguage.Persian}");

    /// <summary>Renders template <paramref name="template"/> in <paramref name="language"/> with <paramref name="model"/>.</summary>
    /// <param name="template">The template (kind) name.</param>
    /// <param name="language"><c>fa</c> or <c>en</c>; a language without the template falls back to <c>fa</c>.</param>
    /// <param name="model">The values the template reads (dictionaries, lists, strings, numbers, booleans); <c>language</c> is added.</param>
    /// <exception cref="KeyNotFoundException">There is no such template.</exception>
    public async Task<RenderedMail> RenderAsync(string template, string language, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = _templates.GetValueOrDefault($"{template}.{language}") ?? _templates[$"{template}.{UserLanguage.Persian}"];
        var html = await parsed.RenderAsync(Context(language, model), Html, isolateContext: false);
        var plain = Context(language, model);
        await parsed.RenderAsync(plain, NullEncoder.Default, isolateContext: false);
        var subject = plain.GetValue("subject").ToStringValue();
        return new RenderedMail(string.Join(' ', subject.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), html.Trim(), plain.GetValue("text").ToStringValue().Trim());
    }

    private TemplateContext Context(string language, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(_options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        context.SetValue("language", language);
        return context;
    }

    /// <summary>Fluid's error position: <c>(line:column)</c>.</summary>
    [GeneratedRegex(@"\((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex Position();
}
