using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>A component of a form-js schema that the server checks; display-only components (text, image...) are left out.</summary>
/// <param name="Id">The component's <c>id</c>, for messages.</param>
/// <param name="Hide">Its <c>conditional.hide</c>, or <see langword="null"/>.</param>
internal abstract record FormComponent(string Id, FeelCondition? Hide);

/// <summary>A field that holds a value at <see cref="Key"/> (form-js <c>key</c>, dots make nested objects).</summary>
internal sealed record FormField(string Id, FeelCondition? Hide, string Type, IReadOnlyList<string> Key, string Label) : FormComponent(Id, Hide)
{
    /// <summary>The component's <c>disabled</c>: shown, not validated, not submitted.</summary>
    public bool Disabled { get; init; }

    /// <summary><c>validate.required</c>.</summary>
    public bool Required { get; init; }

    /// <summary><c>validate.minLength</c> in UTF-16 code units of the trimmed text (JavaScript's <c>trim().length</c>).</summary>
    public int? MinLength { get; init; }

    /// <summary><c>validate.maxLength</c> in UTF-16 code units.</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>validate.min</c> of a number field.</summary>
    public decimal? Min { get; init; }

    /// <summary><c>validate.max</c> of a number field.</summary>
    public decimal? Max { get; init; }

    /// <summary><c>validate.pattern</c> (searched, as JavaScript's <c>RegExp.test</c>), or <see langword="null"/>.</summary>
    public Regex? Pattern { get; init; }

    /// <summary><c>validate.validationType</c> of a text field: <c>email</c>, <c>phone</c> or <see langword="null"/>.</summary>
    public string? ValidationType { get; init; }

    /// <summary>The listed values of a radio, select, checklist or taglist; <see langword="null"/> when its options come from data (<c>valuesKey</c>, <c>valuesExpression</c>).</summary>
    public IReadOnlyList<JsonElement>? Values { get; init; }

    /// <summary>The <c>subtype</c> of a datetime field: <c>date</c>, <c>time</c> or <c>datetime</c>.</summary>
    public string? Subtype { get; init; }

    /// <summary>The <c>decimalDigits</c> of a number field.</summary>
    public int? DecimalDigits { get; init; }

    /// <summary>The <c>increment</c> of a number field.</summary>
    public decimal? Increment { get; init; }

    /// <summary>The <c>serializeToString</c> of a number field: the value is a string holding a number.</summary>
    public bool SerializeToString { get; init; }
}

/// <summary>A <c>group</c>: its children bind under <see cref="Path"/> (empty: in the enclosing object).</summary>
internal sealed record FormGroup(string Id, FeelCondition? Hide, IReadOnlyList<string> Path, IReadOnlyList<FormComponent> Children) : FormComponent(Id, Hide);

/// <summary>A <c>dynamiclist</c>: a list of objects at <see cref="Path"/>, each with the children's fields.</summary>
/// <param name="Id">The component's <c>id</c>.</param>
/// <param name="Hide">Its <c>conditional.hide</c>, or <see langword="null"/>.</param>
/// <param name="Path">Its <c>path</c>, split at dots.</param>
/// <param name="Label">Its label, for messages.</param>
/// <param name="DefaultRepetitions">How many empty items form-js shows when the data has no list.</param>
/// <param name="Children">The components of each item.</param>
internal sealed record FormList(string Id, FeelCondition? Hide, IReadOnlyList<string> Path, string Label, int DefaultRepetitions, IReadOnlyList<FormComponent> Children)
    : FormComponent(Id, Hide);

/// <summary>A parsed task form: its components and the data paths they bind, read by <see cref="FormReader"/>.</summary>
/// <param name="Key">The form key (file name without <c>.form</c>).</param>
/// <param name="Components">Top-level components.</param>
internal sealed record TaskForm(string Key, IReadOnlyList<FormComponent> Components)
{
    /// <summary>Whether a component at any depth has a <c>conditional.hide</c> (which may read process variables).</summary>
    public bool HasConditions { get; } = AnyCondition(Components);

    private static bool AnyCondition(IReadOnlyList<FormComponent> components) => components.Any(c => c.Hide is not null || c switch
    {
        FormGroup group => AnyCondition(group.Children),
        FormList list => AnyCondition(list.Children),
        _ => false,
    });
}
