using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Timers;
using NodaTime;

namespace ApprovalFlow.Bpmn.Tests.Timers;

public class TimerScheduleParserTests
{
    [Theory]
    [InlineData("P3D")]
    [InlineData("PT2S")]
    [InlineData("P1Y2M")]
    public void TryParse_ValidDuration_ReturnsDurationSchedule(string text)
    {
        Assert.True(TimerScheduleParser.TryParse(TimerKind.Duration, text, out var schedule, out var error));
        Assert.IsType<DurationSchedule>(schedule);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_DurationP3D_KeepsDays()
    {
        TimerScheduleParser.TryParse(TimerKind.Duration, "P3D", out var schedule, out _);
        Assert.Equal(Period.FromDays(3), Assert.IsType<DurationSchedule>(schedule).Duration);
    }

    [Theory]
    [InlineData("PT0S")]
    [InlineData("P0D")]
    public void TryParse_ZeroDuration_IsDueAtOnce(string text)
    {
        Assert.True(TimerScheduleParser.TryParse(TimerKind.Duration, text, out var schedule, out _));
        Assert.Equal(Period.Zero, Assert.IsType<DurationSchedule>(schedule).Duration.Normalize());
    }

    [Theory]
    [InlineData("-P1D")]
    [InlineData("PXD")]
    [InlineData("")]
    public void TryParse_InvalidDuration_ReturnsError(string text)
    {
        Assert.False(TimerScheduleParser.TryParse(TimerKind.Duration, text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains("duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DateWithOffset_KeepsOffset()
    {
        Assert.True(TimerScheduleParser.TryParse(TimerKind.Date, "2026-03-21T09:00:00+03:30", out var schedule, out _));
        var date = Assert.IsType<DateSchedule>(schedule);
        Assert.Equal(new LocalDateTime(2026, 3, 21, 9, 0), date.Local);
        Assert.Equal(Offset.FromHoursAndMinutes(3, 30), date.Offset);
    }

    [Fact]
    public void TryParse_DateWithoutOffset_HasNoOffset()
    {
        Assert.True(TimerScheduleParser.TryParse(TimerKind.Date, "2026-03-21T09:00", out var schedule, out _));
        var date = Assert.IsType<DateSchedule>(schedule);
        Assert.Equal(new LocalDateTime(2026, 3, 21, 9, 0), date.Local);
        Assert.Null(date.Offset);
    }

    [Theory]
    [InlineData("R3/PT1H", 3, false)]
    [InlineData("R/P1D", null, false)]
    [InlineData("R2/2026-01-01T00:00:00Z/P1D", 2, true)]
    public void TryParse_ValidCycle_ReadsRepetitionsAndStart(string text, int? repetitions, bool hasStart)
    {
        Assert.True(TimerScheduleParser.TryParse(TimerKind.Cycle, text, out var schedule, out _));
        var cycle = Assert.IsType<CycleSchedule>(schedule);
        Assert.Equal(repetitions, cycle.Repetitions);
        Assert.Equal(hasStart, cycle.Start is not null);
    }

    [Theory]
    [InlineData("R0/PT1H")]
    [InlineData("0 0 * * *")]
    [InlineData("R3/P0D")]
    public void TryParse_InvalidCycle_ReturnsError(string text)
    {
        Assert.False(TimerScheduleParser.TryParse(TimerKind.Cycle, text, out _, out var error));
        Assert.Contains("repeating interval", error, StringComparison.Ordinal);
    }
}
