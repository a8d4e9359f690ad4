using System.Globalization;
using ApprovalFlow.Engine.Calendar;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>Numbers of the exported plan written the Persian way: Persian digits, «٬» (U+066C) grouping thousands. Thread-safe.</summary>
public static class PersianFigures
{
    /// <summary>The Persian thousands separator «٬» (U+066C ARABIC THOUSANDS SEPARATOR).</summary>
    public const char ThousandsSeparator = '\u066C';

    /// <summary>A plan number <c>2.3.4</c> as «۲-۳-۴».</summary>
    /// <param name="number">A <see cref="PlanEntry.Number"/>.</param>
    /// <returns>The number with Persian digits, parts joined by hyphens (which stay in order in right-to-left text).</returns>
    public static string PlanNumber(string number) => PersianDigits.ToPersian(number.Replace('.', '-'));

    /// <summary><paramref name="value"/> with Persian digits and grouped thousands, e.g. 1200000 → «۱٬۲۰۰٬۰۰۰».</summary>
    /// <param name="value">An amount, e.g. a cost in rials.</param>
    /// <returns>The Persian figure.</returns>
    public static string Amount(long value) =>
        PersianDigits.ToPersian(value.ToString("N0", CultureInfo.InvariantCulture).Replace(',', ThousandsSeparator));

    /// <summary><paramref name="value"/> with Persian digits, not grouped (years, counts), e.g. 1405 → «۱۴۰۵».</summary>
    /// <param name="value">A whole number.</param>
    /// <returns>The Persian figure.</returns>
    public static string Number(long value) => PersianDigits.ToPersian(value.ToString(CultureInfo.InvariantCulture));
}
