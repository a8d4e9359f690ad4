using System.Globalization;

namespace ApprovalFlow.Server.Pages.Planning.Export;

/// <summary>
/// Texts of the plan's exports and of the plan and trace pages (<c>ExportTexts.fa.resx</c>, <c>ExportTexts.en.resx</c>).
/// The Word document, the spreadsheet and the StratML file are always Persian (<see cref="InPersian"/>); the
/// pages follow the user's language.
/// </summary>
public sealed class ExportTexts
{
    /// <summary>Switches the current thread's UI culture to Persian until the result is disposed (then back), so localized texts come out in Persian.</summary>
    /// <returns>Restores the previous UI culture when disposed.</returns>
    public static IDisposable InPersian() => new CultureScope(CultureInfo.GetCultureInfo("fa"));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
