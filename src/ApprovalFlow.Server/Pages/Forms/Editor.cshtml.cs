using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions.Forms;
using ApprovalFlow.Server.Pages.Tasks;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Forms;

/// <summary>A problem of a refused form as the editor page shows it.</summary>
/// <param name="ComponentId">The component to select in the editor, or <see langword="null"/> for the form itself.</param>
/// <param name="Where">The component's label (else key or id) as the person sees it, or <see langword="null"/> for the form itself.</param>
/// <param name="Message">What is wrong, in the user's language.</param>
public sealed record FormProblemRow(string? ComponentId, string? Where, string Message);

/// <summary>
/// The form editor <c>/forms/{key}</c> (<c>/forms/new</c> for a new key) for admins and process owners: the
/// form-js editor on the latest version, with the Jalali date field in its palette and a preview. Deploy posts
/// the editor's schema and the name to <see cref="FormDeployer"/> (the checks of <c>POST /api/forms</c>): a new
/// version on changed content; otherwise each problem is listed beside the editor in the user's language and
/// selects its component, the typed schema is kept and nothing is deployed.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed partial class EditorModel(
    ApprovalFlowDbContext db, FormDeployer deployer, ICurrentUser user, IStringLocalizer<FormsTexts> texts, IStringLocalizer<TaskTexts> taskTexts) : PageModel
{
    /// <summary>The key in the address of a new form.</summary>
    public const string NewKey = "new";

    /// <summary>The form-js texts the editor shows in English, with the resource keys of their translations (<c>{0}</c>: a number or text).</summary>
    private static readonly (string English, string Key)[] EditorTexts =
    [
        ("Components", "FeComponents"), ("Search components", "FeSearchComponents"), ("No components found.", "FeNoComponents"),
        ("Input", "FeInput"), ("Selection", "FeSelection"), ("Presentation", "FePresentation"), ("Containers", "FeContainers"), ("Action", "FeAction"),
        ("Text field", "FeTextField"), ("Text area", "FeTextArea"), ("Number", "FeNumber"), ("Checkbox", "FeCheckbox"), ("Checkbox group", "FeCheckboxGroup"),
        ("Radio group", "FeRadioGroup"), ("Select", "FeSelect"), ("Tag list", "FeTagList"), ("Text view", "FeTextView"), ("HTML view", "FeHtmlView"),
        ("Image view", "FeImageView"), ("Table", "FeTable"), ("Spacer", "FeSpacer"), ("Separator", "FeSeparator"), ("Group", "FeGroup"),
        ("Dynamic list", "FeDynamicList"), ("iFrame", "FeIFrame"), ("Button", "FeButton"), ("Expression", "FeExpression"), ("File picker", "FeFilePicker"),
        ("Document preview", "FeDocumentPreview"), ("Date time", "FeDateTime"),
        ("General", "FeGeneral"), ("Condition", "FeCondition"), ("Validation", "FeValidation"), ("Layout", "FeLayout"), ("Appearance", "FeAppearance"),
        ("Options source", "FeOptionsSource"), ("Static options", "FeStaticOptions"), ("Custom properties", "FeCustomProperties"), ("Serialization", "FeSerialization"),
        ("Constraints", "FeConstraints"), ("Field label", "FeFieldLabel"), ("Field description", "FeFieldDescription"), ("Key", "FeKey"), ("Default value", "FeDefaultValue"),
        ("Read only", "FeReadOnly"), ("Disabled", "FeDisabled"), ("Required", "FeRequired"), ("Minimum length", "FeMinimumLength"), ("Maximum length", "FeMaximumLength"),
        ("Minimum", "FeMinimum"), ("Maximum", "FeMaximum"), ("Validation pattern", "FeValidationPattern"), ("Custom regular expression", "FeCustomPattern"),
        ("Subtype", "FeSubtype"), ("Date label", "FeDateLabel"), ("Time label", "FeTimeLabel"), ("Disallow past dates", "FeDisallowPastDates"),
        ("Hide if", "FeHideIf"), ("Columns", "FeColumns"), ("Text", "FeText"), ("Label", "FeLabel"), ("Value", "FeValue"), ("Date", "FeDate"),
        ("Path", "FePath"), ("Decimal digits", "FeDecimalDigits"), ("Increment", "FeIncrement"), ("Default number of items", "FeDefaultItems"),
        ("Must not be empty.", "FeMustNotBeEmpty"), ("Must not contain spaces.", "FeMustNotContainSpaces"), ("Must be unique.", "FeMustBeUnique"),
        ("Allow add/delete items", "FeAllowAddDelete"), ("Allows arbitrary precision values", "FeArbitraryPrecision"),
        ("Alternative text", "FeAltText"), ("Auto", "FeAuto"), ("Binds to a form variable", "FeBindsToVariable"), ("Bottom", "FeBottom"),
        ("Build your form", "FeBuildYourForm"), ("Center", "FeCenter"), ("Checked", "FeChecked"), ("Clear content", "FeClearContent"),
        ("Column", "FeColumn"), ("Column 1", "FeColumn1"), ("Column 2", "FeColumn2"), ("Column 3", "FeColumn3"), ("Compute on", "FeComputeOn"),
        ("Content", "FeContent"), ("Custom", "FeCustom"), ("Custom error message", "FeCustomErrorMessage"), ("Data source", "FeDataSource"),
        ("Define an expression to calculate the value of this field", "FeDefineValueExpression"),
        ("Define an expression to populate the options from.", "FeDefineOptionsExpression"),
        ("Define which input property to populate the values from", "FeDefineInputProperty"),
        ("Descriptive text for screen reader accessibility.", "FeAltTextHint"), ("Disable collapse", "FeDisableCollapse"),
        ("Document reference", "FeDocumentReference"), ("Drag and drop components here to start designing.", "FeDropToStart"),
        ("Drag and drop components here.", "FeDropHere"), ("Dynamic options", "FeDynamicOptions"), ("Email", "FeEmail"),
        ("Expression or static value (link/data URI)", "FeExpressionOrStatic"), ("Form submission", "FeFormSubmission"),
        ("Header items", "FeHeaderItems"), ("Headers source", "FeHeadersSource"), ("Height", "FeHeight"),
        ("Height of the container in pixels.", "FeHeightHint"), ("Image source", "FeImageSource"), ("Input values key", "FeInputValuesKey"),
        ("Learn more", "FeLearnMore"), ("List of items", "FeListOfItems"), ("Max height of preview container", "FeMaxPreviewHeight"),
        ("Not checked", "FeNotChecked"), ("Number of non-collapsing items", "FeNonCollapsing"), ("Number of rows per page", "FeRowsPerPage"),
        ("Opened in popup", "FeOpenedInPopup"), ("Options expression", "FeOptionsExpression"), ("Output as string", "FeOutputAsString"),
        ("Pagination", "FePagination"), ("Phone", "FePhone"),
        ("Please make sure that the URL is safe as it might impose security risks.", "FeUnsafeUrl"), ("Prefix", "FePrefix"),
        ("Repeatable", "FeRepeatable"), ("Reset", "FeReset"), ("Searchable", "FeSearchable"), ("Security attributes", "FeSecurityAttributes"),
        ("Select a form field to edit its properties.", "FeSelectField"), ("Show outline", "FeShowOutline"),
        ("Specify an expression to populate column items", "FeColumnsExpression"),
        ("Specify the source from which to populate the table", "FeTableSource"), ("Submit", "FeSubmit"), ("Suffix", "FeSuffix"),
        ("Supported file formats", "FeFileFormats"), ("Target value", "FeTargetValue"), ("Time format", "FeTimeFormat"),
        ("Time interval", "FeTimeInterval"), ("Top", "FeTop"), ("Type", "FeType"), ("URL", "FeUrl"), ("Upload multiple files", "FeMultipleFiles"),
        ("Use 24h", "FeUse24h"), ("Use the preview window to test your form.", "FeUsePreview"), ("Value changes", "FeValueChanges"),
        ("Version tag", "FeVersionTag"), ("Version tag by which this form can be referenced.", "FeVersionTagHint"),
        ("Vertical alignment", "FeVerticalAlignment"), ("Where the child variables of this component are pathed to.", "FePathHint"),
        ("Toggle section", "FeToggleSection"), ("Section contains an error", "FeSectionError"), ("Section contains edits", "FeSectionEdits"),
        ("<empty>", "FeEmpty"), ("Toggle list item", "FeToggleListItem"), ("Delete item", "FeDeleteItem"),
        ("Create new list item", "FeCreateListItem"), ("Create", "FeCreate"), ("Open pop-up editor", "FeOpenPopupEditor"),
        ("Opened in editor", "FeOpenedInEditor"), ("FEEL expression is mandatory", "FeFeelMandatory"),
        ("Unparsable FEEL expression.", "FeFeelUnparsable"), ("Open documentation", "FeOpenDocumentation"),
        ("List contains {0} items", "FeListItems"), ("List contains {0} item", "FeListItem"),
        ("Click to set a dynamic value with FEEL expression", "FeFeelSet"), ("Click to remove dynamic value with FEEL expression", "FeFeelRemove"),
        ("Browse", "FeBrowse"), ("No files selected", "FeNoFiles"), ("{0} files selected", "FeFilesSelected"),
        ("Condition under which the field is hidden", "FeHideIfHint"), ("Form", "FeForm"), ("Group label", "FeGroupLabel"),
        ("Supports markdown and templating.", "FeMarkdownHint"), ("Text view is templated", "FeTextTemplated"),
        ("Create a {0} element", "FeCreateElement"), ("Create an {0} element", "FeCreateAnElement"), ("Remove {0}", "FeRemoveElement"),
        ("Powered by bpmn.io", "FePoweredBy"),
    ];

    /// <summary>Whether the page makes a new form (<c>/forms/new</c>).</summary>
    public bool IsNew { get; private set; }

    /// <summary>The form key, or the key typed for a new form.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The form's name as typed or deployed.</summary>
    public string? Name { get; private set; }

    /// <summary>The latest deployed version, or <see langword="null"/> for a new form.</summary>
    public int? Version { get; private set; }

    /// <summary>The schema the editor opens (script-safe JSON): the latest version's, or what was just refused.</summary>
    public string SchemaJson { get; private set; } = string.Empty;

    /// <summary>The problems of the refused deployment, in schema order.</summary>
    public IReadOnlyList<FormProblemRow> Problems { get; private set; } = [];

    /// <summary>What is wrong with the key typed for a new form, or <see langword="null"/>.</summary>
    public string? KeyError { get; private set; }

    /// <summary>The version just deployed (shown as a notice), or <see langword="null"/>.</summary>
    public int? Deployed { get; private set; }

    /// <summary>Whether the deployment just made found the same content already deployed.</summary>
    public bool Unchanged { get; private set; }

    /// <summary>
    /// The editor's English texts to their translations in the user's language (script-safe JSON), with the viewer's
    /// (which the canvas shows) where the editor has no other translation of the same English text.
    /// </summary>
    public string TextsJson
    {
        get
        {
            var translations = TaskModel.FormJsTranslations(taskTexts);
            foreach (var (english, key) in EditorTexts)
            {
                translations[english] = texts[key].Value;
            }

            return FormSchemas.ScriptJson(translations);
        }
    }

    /// <summary>The viewer's English texts to their translations (script-safe JSON), for the preview.</summary>
    public string PreviewTextsJson => FormSchemas.ScriptJson(TaskModel.FormJsTranslations(taskTexts));

    /// <summary>The Jalali date field's texts (script-safe JSON): the picker's, the palette entry's name and a new field's label.</summary>
    public string CalendarJson
    {
        get
        {
            var calendar = TaskModel.JalaliCalendarTexts(taskTexts);
            calendar["paletteName"] = texts["JalaliPaletteName"].Value;
            calendar["defaultLabel"] = texts["JalaliDefaultLabel"].Value;
            return FormSchemas.ScriptJson(calendar);
        }
    }

    /// <summary>Opens the latest version of <paramref name="key"/> (an empty form for <see cref="NewKey"/>); 404 for an unknown key.</summary>
    public async Task<IActionResult> OnGetAsync(string key, int? deployed, bool unchanged, CancellationToken cancellationToken)
    {
        if (key == NewKey)
        {
            IsNew = true;
            SchemaJson = FormSchemas.ScriptJson(new { type = "default", components = Array.Empty<object>(), schemaVersion = 16 });
            return Page();
        }

        var latest = await db.Forms.AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return NotFound();
        }

        (Key, Name, Version, Deployed, Unchanged) = (key, latest.Name, latest.Version, deployed, unchanged);
        using var schema = JsonDocument.Parse(latest.Schema);
        SchemaJson = FormSchemas.ScriptJson(schema.RootElement);
        return Page();
    }

    /// <summary>
    /// Deploys <paramref name="schema"/> (the editor's JSON) with <paramref name="name"/> as form <paramref name="key"/>
    /// (<paramref name="newKey"/> on <c>/forms/new</c>); on success shows the form with the version deployed.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string key, string? newKey, string? name, string? schema, CancellationToken cancellationToken)
    {
        IsNew = key == NewKey;
        Key = (IsNew ? newKey : key)?.Trim() ?? string.Empty;
        Name = name?.Trim();
        Version = IsNew ? null : await db.Forms.Where(f => f.Key == Key).MaxAsync(f => (int?)f.Version, cancellationToken);
        if (!IsNew && Version is null)
        {
            return NotFound();
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(schema ?? string.Empty) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            SchemaJson = FormSchemas.ScriptJson(new { type = "default", components = Array.Empty<object>(), schemaVersion = 16 });
            Problems = [new FormProblemRow(null, null, texts["ProblemInvalidJson"].Value)];
            return Page();
        }

        if (string.IsNullOrEmpty(Name))
        {
            root.Remove("name");
        }
        else
        {
            root["name"] = Name;
        }

        SchemaJson = FormSchemas.ScriptJson(root);
        if (IsNew && (Key.Length == 0 || Key == NewKey || await db.Forms.AnyAsync(f => f.Key == Key, cancellationToken)))
        {
            KeyError = texts[Key.Length == 0 ? "KeyMissing" : "KeyTaken", Key].Value;
            return Page();
        }

        switch (await deployer.DeployAsync(Key, root.ToJsonString(Stored), user.Id, cancellationToken))
        {
            case FormDeployed deployed:
                return Redirect($"/forms/{Uri.EscapeDataString(Key)}?deployed={deployed.Form.Version}{(deployed.IsNew ? string.Empty : "&unchanged=true")}");
            case FormRejected rejected:
                KeyError = rejected.Problems.FirstOrDefault(p => p.Code is FormProblemCodes.InvalidFormKey or FormProblemCodes.ReservedKey) is { } keyProblem
                    ? Message(keyProblem.Code, keyProblem.Value)
                    : null;
                Problems = [.. rejected.Problems.Where(p => p.Code is not (FormProblemCodes.InvalidFormKey or FormProblemCodes.ReservedKey))
                    .Select(p => new FormProblemRow(p.ComponentId, p.ComponentId is null ? null : Label(root, p.Path) ?? p.ComponentId, Message(p.Code, p.Value)))];
                return Page();
            default:
                throw new InvalidOperationException("Unknown form deployment result.");
        }
    }

    /// <summary>The properties that name a component for people, best first.</summary>
    private static readonly string[] LabelProperties = ["label", "dateLabel", "timeLabel", "key", "path"];

    /// <summary>JSON as the schema is stored: Persian letters as they are, not escaped.</summary>
    private static readonly JsonSerializerOptions Stored = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private string Message(string code, string? value) =>
        texts["Problem" + string.Concat(code.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])), value ?? string.Empty].Value;

    /// <summary>The component at <paramref name="path"/> (<c>components[1].components[0]</c>) of the schema, or <see langword="null"/>.</summary>
    private static JsonObject? At(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            node = node?[segment.Groups["name"].Value];
            if (segment.Groups["index"].Success)
            {
                node = node is JsonArray array && int.Parse(segment.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < array.Count ? array[i] : null;
            }
        }

        return node as JsonObject;
    }

    private static string? Label(JsonObject root, string path) =>
        At(root, path) is { } component
            ? LabelProperties.Select(p => component[p]).FirstOrDefault(v => v?.GetValueKind() == JsonValueKind.String && (string?)v is { Length: > 0 }) is { } text ? (string?)text : null
            : null;

    [GeneratedRegex(@"(?<name>\w+)(\[(?<index>\d+)\])?", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();
}
