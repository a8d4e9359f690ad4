using ApprovalFlow.Server.Text;

namespace ApprovalFlow.Server.Tests.Text;

public sealed class PersianTextTests
{
    [Theory]
    [InlineData("كارگروه", "کارگروه")] // Arabic kaf
    [InlineData("هويت شهري", "هویت شهری")] // Arabic yeh
    [InlineData("موسى", "موسی")] // alef maksura
    [InlineData("مدرسة", "مدرسه")] // teh marbuta
    [InlineData("خانۀ فرهنگ", "خانه فرهنگ")] // heh with yeh above
    [InlineData("أمين إمام آب ٱلله", "امین امام اب الله")] // alef with hamza above, below, madda, wasla
    [InlineData("مسؤول مسئول", "مسوول مسیول")] // hamza on waw and yeh
    [InlineData("شَهرِ مُقَدَّسٌ", "شهر مقدس")] // harakat, tanwin, shadda
    [InlineData("مشـــهد", "مشهد")] // tatweel
    [InlineData("ذی‌نفعان", "ذی نفعان")] // ZWNJ
    [InlineData("  برنامه \t\n  میان‌مدت  ", "برنامه میان مدت")] // runs of white space, trimmed
    [InlineData("۱۴۰۴/۰۷/۱۵ و ١٢٣", "1404/07/15 و 123")] // Persian and Arabic-Indic digits
    [InlineData("Mid-Term PLAN Café", "mid-term plan cafe")] // Latin case and accents
    [InlineData("\u200Fمشهد\u200E", "مشهد")] // direction marks
    [InlineData("ﻛﺎﺭ", "کار")] // presentation forms
    [InlineData("ء", "ء")] // a standalone hamza is a letter
    public void Normalize_folds_variants_marks_joiners_and_digits(string text, string expected) =>
        Assert.Equal(expected, PersianText.Normalize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u200C ـ ")]
    public void Normalize_of_nothing_is_empty(string? text) => Assert.Equal(string.Empty, PersianText.Normalize(text));

    [Fact]
    public void Normalize_is_idempotent()
    {
        var once = PersianText.Normalize("كارگروهِ تخصصي هويت‌شهري ۱۴۰۴");
        Assert.Equal("کارگروه تخصصی هویت شهری 1404", once);
        Assert.Equal(once, PersianText.Normalize(once));
    }

    [Fact]
    public void SearchKey_joins_the_normalised_non_empty_parts()
    {
        Assert.Equal("ثبت جلسات برنامه 1404 کارگروه هویت", PersianText.SearchKey("ثبت جلسات", null, "برنامه ۱۴۰۴", " ", "كارگروه هويت"));
        Assert.Equal(string.Empty, PersianText.SearchKey(null, ""));
    }

    [Fact]
    public void SearchWords_are_normalised_distinct_and_in_order()
    {
        Assert.Equal(["کارگروه", "هویت"], PersianText.SearchWords("  كارگروه   هويت كارگروه "));
        Assert.Empty(PersianText.SearchWords("ـ \u200C"));
        Assert.Empty(PersianText.SearchWords(null));
    }
}
