namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>One part of a form-js schema the server cannot check (<see cref="FormReader"/>).</summary>
/// <param name="Path">Where in the schema, as a JSON path from the root: <c>components[2].components[0]</c>; empty for the schema itself.</param>
/// <param name="ComponentId">The component's <c>id</c> (else its <c>key</c>), or <see langword="null"/> for the schema itself.</param>
/// <param name="Key">The component's <c>key</c> or <c>path</c>, or <see langword="null"/>.</param>
/// <param name="Code">Stable machine-readable code (<see cref="FormProblemCodes"/>), for the editor to show in the user's language.</param>
/// <param name="Value">The offending value (a type, pattern, condition, property name), or <see langword="null"/>.</param>
/// <param name="Message">What is wrong, in English, for people and logs.</param>
internal sealed record FormProblem(string Path, string? ComponentId, string? Key, string Code, string? Value, string Message)
{
    /// <summary><c>component 'ID': message</c>, or the message alone for the schema itself.</summary>
    public override string ToString() => ComponentId is null ? Message : $"component '{ComponentId}': {Message}";
}

/// <summary>The codes of <see cref="FormProblem.Code"/>.</summary>
internal static class FormProblemCodes
{
    public const string InvalidJson = "invalid-json";
    public const string InvalidFormKey = "invalid-form-key";
    public const string ReservedKey = "reserved-key";
    public const string NameTooLong = "name-too-long";
    public const string NoComponents = "no-components";
    public const string UnsupportedType = "unsupported-type";
    public const string FilePicker = "file-picker";
    public const string MissingKey = "missing-key";
    public const string InvalidKey = "invalid-key";
    public const string MissingListPath = "missing-list-path";
    public const string DatetimeSubtype = "datetime-subtype";
    public const string ValidationType = "validation-type";
    public const string Condition = "condition";
    public const string MissingValues = "missing-values";
    public const string OptionWithoutValue = "option-without-value";
    public const string Pattern = "pattern";
    public const string NotWholeNumber = "not-whole-number";
    public const string NotNumber = "not-number";
    public const string OverlappingPath = "overlapping-path";
}
