using System.Globalization;
using ApprovalFlow.Server.Text;

namespace ApprovalFlow.Server.Pages.Planning;

/// <summary>
/// Numbers as officials type them on the planning pages: Persian (۰–۹), Arabic-Indic or Latin digits, the Persian
/// decimal separator (٫, U+066B) or a dot, surrounding spaces ignored; and numbers as the pages show them again.
/// </summary>
public static class TypedNumber
{
    /// <summary>Reads a whole number; an empty field reads as <see langword="null"/>.</summary>
    /// <param name="text">What was typed, e.g. <c>۱۲</c>.</param>
    /// <param name="value">The number, or <see langword="null"/> for an empty field.</param>
    /// <returns><see langword="false"/> when something was typed that is not a whole number.</returns>
    public static bool TryWhole(string? text, out int? value)
    {
        var latin = Latin(text);
        value = null;
        if (latin.Length == 0)
        {
            return true;
        }

        if (int.TryParse(latin, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>Reads a decimal number; an empty field reads as <see langword="null"/>.</summary>
    /// <param name="text">What was typed, e.g. <c>۰٫۲۵</c>.</param>
    /// <param name="value">The number, or <see langword="null"/> for an empty field.</param>
    /// <returns><see langword="false"/> when something was typed that is not a number.</returns>
    public static bool TryDecimal(string? text, out double? value)
    {
        var latin = Latin(text);
        value = null;
        if (latin.Length == 0)
        {
            return true;
        }

        if (double.TryParse(latin, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>The typed text with ASCII digits and a dot for the decimal separator, spaces removed (e.g. <c>۱/۳</c> → <c>1/3</c>).</summary>
    /// <param name="text">What was typed.</param>
    public static string Latin(string? text) =>
        PersianText.Normalize(text?.Replace('\u066B', '.')).Replace(" ", string.Empty, StringComparison.Ordinal);
}
