using System.Globalization;
using System.Text;

namespace ApprovalFlow.Server.Text;

/// <summary>
/// The one normaliser of Persian (and Latin) text for searching: search keys stored beside the text and
/// the words people type are both passed through <see cref="Normalize"/>, so a search ignores letter
/// variants, diacritics, joiners and digit forms. Thread-safe (pure functions).
/// </summary>
/// <remarks>
/// <para>What it does, in this order (the choices follow Lucene's <c>PersianNormalizer</c> and
/// <c>ArabicNormalizer</c>, which Persian search engines build on):</para>
/// <list type="number">
/// <item>Unicode compatibility decomposition (NFKD: Arabic presentation forms and full-width Latin become
/// the plain letters), then every combining mark (category Mn) is dropped: the
/// harakat (fatha, kasra, damma, tanwin, shadda, sukun), the superscript alef, Quranic marks, and the
/// hamza and madda above or below a letter. So <c>أ إ آ</c> become <c>ا</c>, <c>ؤ</c> becomes
/// <c>و</c>, <c>ئ</c> becomes <c>ی</c>, <c>ۀ</c> becomes <c>ه</c>, and Latin <c>é</c> becomes <c>e</c>.
/// A standalone hamza (<c>ء</c>) is a letter and stays.</item>
/// <item>Arabic letter forms become the Persian ones: <c>ي ى</c> → <c>ی</c>, <c>ك</c> → <c>ک</c>,
/// <c>ة ە ۂ</c> → <c>ه</c>, alef wasla <c>ٱ</c> → <c>ا</c>.</item>
/// <item>Tatweel (<c>ـ</c>, U+0640) and the invisible direction marks (LRM, RLM, ALM, BOM, ZWJ) are removed.</item>
/// <item>Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits become ASCII digits.</item>
/// <item>The zero-width non-joiner (ZWNJ, U+200C) and every run of white space become one space; the
/// result is trimmed. So <c>می‌روم</c> and <c>می روم</c> are the same key (<c>میروم</c> is not).</item>
/// <item>Letters are lower-cased with the invariant culture (which only changes Latin, Greek, Cyrillic).</item>
/// </list>
/// </remarks>
public static class PersianText
{
    private const char ZeroWidthNonJoiner = '\u200C';

    /// <summary>The search form of <paramref name="text"/> (see the type's remarks); empty for <see langword="null"/> or white space.</summary>
    /// <param name="text">Any text, e.g. <c>"كارگروهِ  هويت‌شهري ۱۴۰۴"</c>.</param>
    /// <returns>The normalised text, e.g. <c>"کارگروه هویت شهری 1404"</c>.</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (c == ZeroWidthNonJoiner || char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (Fold(c) is not { } folded)
            {
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(folded);
        }

        return result.ToString();
    }

    /// <summary>
    /// One search key of several texts (e.g. task name, plan cycle title, working group, process name):
    /// each normalised, the non-empty ones joined by one space.
    /// </summary>
    /// <param name="parts">The texts; <see langword="null"/> and empty ones are skipped.</param>
    /// <returns>The key, empty when every part is empty.</returns>
    public static string SearchKey(params IEnumerable<string?> parts) =>
        string.Join(' ', parts.Select(Normalize).Where(p => p.Length > 0));

    /// <summary>
    /// The words of a search people typed, normalised (<see cref="Normalize"/>) and split at spaces,
    /// without duplicates, in their order; a row matches when its key contains every word.
    /// </summary>
    /// <param name="query">What was typed, or <see langword="null"/>.</param>
    /// <returns>The words; empty when nothing but white space or ignorable marks was typed.</returns>
    public static IReadOnlyList<string> SearchWords(string? query) =>
        [.. Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>The folded form of one character of the decomposed text, or <see langword="null"/> when it is dropped.</summary>
    private static char? Fold(char c) => c switch
    {
        '\u064A' or '\u0649' => '\u06CC', // Arabic yeh, alef maksura → Persian yeh
        '\u0643' => '\u06A9', // Arabic kaf → keheh
        '\u0629' or '\u06D5' or '\u06C1' => '\u0647', // teh marbuta, ae (from ۀ), heh goal → heh
        '\u0671' => '\u0627', // alef wasla → alef
        '\u0640' => null, // tatweel
        '\u200D' or '\u200E' or '\u200F' or '\u061C' or '\uFEFF' => null, // ZWJ, LRM, RLM, ALM, BOM
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark => null,
        _ => char.ToLowerInvariant(c),
    };
}
