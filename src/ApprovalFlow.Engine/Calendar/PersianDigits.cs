using System.Text;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// Converts between Latin digits (<c>0–9</c>) and Persian digits (<c>۰–۹</c>, U+06F0–U+06F9).
/// Arabic-Indic digits (<c>٠–٩</c>, U+0660–U+0669) are read as well. Stateless and thread-safe.
/// </summary>
public static class PersianDigits
{
    private const char PersianZero = '\u06F0';
    private const char ArabicIndicZero = '\u0660';

    /// <summary>Replaces every Latin digit in <paramref name="text"/> with the Persian digit; other characters stay.</summary>
    /// <param name="text">Any text, e.g. <c>1404/07/15</c>.</param>
    /// <returns>The text with Persian digits, e.g. <c>۱۴۰۴/۰۷/۱۵</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string ToPersian(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiDigit(c) ? (char)(PersianZero + (c - '0')) : c);
        }

        return builder.ToString();
    }

    /// <summary>Replaces every Persian or Arabic-Indic digit in <paramref name="text"/> with the Latin digit.</summary>
    /// <param name="text">Any text, e.g. <c>۱۴۰۴/۰۷/۱۵</c>.</param>
    /// <returns>The text with Latin digits, e.g. <c>1404/07/15</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string ToLatin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= PersianZero and <= (char)(PersianZero + 9) => (char)('0' + (c - PersianZero)),
                >= ArabicIndicZero and <= (char)(ArabicIndicZero + 9) => (char)('0' + (c - ArabicIndicZero)),
                _ => c,
            });
        }

        return builder.ToString();
    }
}
