using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Tests.Calendar;
using ApprovalFlow.Engine.TimerStarts;
using Microsoft.Extensions.Time.Testing;
using static ApprovalFlow.Engine.Tests.Calendar.CalendarTestData;

namespace ApprovalFlow.Engine.Tests.TimerStarts;

/// <summary>
/// The schedule of timer start events with a fake clock, in the service's zone (Asia/Tehran, UTC+03:30 since
/// 2022): timeDate, timeDuration, R/ and Rn/ cycles with and without a start, Quartz cron, working days
/// counted through the Solar Hijri holidays, and late firings that skip what they missed.
/// </summary>
public class TimerStartCalculatorTests
{
    private static readonly WorkingDayCalendar Tehran = TehranCalendar();
    private FakeTimeProvider _clock = new(InTehran(2026, 11, 4, 9)); // Wednesday 1405/08/13, 09:00 Tehran.
    private readonly TimerStartCalculator _calculator = new(new JintExpressionEvaluator(BusinessCalendarFunctions.Create(Tehran)), Tehran);

    private TimerStartPlan Plan(TimerKind kind, string text)
    {
        Assert.True(_calculator.TryPlan(new TimerEventDefinition(kind, Bpmn.Model.Expression.Parse(text)), _clock.GetUtcNow(), out var plan, out var error), error);
        return plan!;
    }

    /// <summary>Fires every occurrence on time, up to <paramref name="max"/>, and returns their due instants.</summary>
    private List<DateTimeOffset> FireOnTime(TimerKind kind, string text, int max)
    {
        var plan = Plan(kind, text);
        var dues = new List<DateTimeOffset>();
        for (var next = plan.First; next is not null && dues.Count < max; next = _calculator.Next(kind, plan.Text, next, next.DueAt))
        {
            dues.Add(next.DueAt);
        }

        return dues;
    }

    [Fact]
    public void TimeDate_FiresOnceAtThatInstant_LocalTimesInTheCalendarZone()
    {
        var plan = Plan(TimerKind.Date, "2026-12-01T08:00:00");

        Assert.Equal(InTehran(2026, 12, 1, 8), plan.First!.DueAt);
        Assert.Null(_calculator.Next(TimerKind.Date, plan.Text, plan.First, plan.First.DueAt));
    }

    [Fact]
    public void TimeDate_InThePast_IsDueAtOnce()
    {
        var plan = Plan(TimerKind.Date, "2026-01-01T00:00:00Z");

        Assert.Equal(Utc(2026, 1, 1, 0), plan.First!.DueAt);
        Assert.True(plan.First.DueAt < _clock.GetUtcNow());
    }

    [Fact]
    public void TimeDuration_CountsFromActivation()
    {
        Assert.Equal([_clock.GetUtcNow().AddMinutes(90)], FireOnTime(TimerKind.Duration, "PT1H30M", 5));
    }

    [Fact]
    public void UnboundedCycle_FiresEveryIntervalFromActivation()
    {
        var now = _clock.GetUtcNow();

        Assert.Equal([now.AddHours(1), now.AddHours(2), now.AddHours(3), now.AddHours(4)], FireOnTime(TimerKind.Cycle, "R/PT1H", 4));
    }

    [Fact]
    public void BoundedCycle_StopsAfterItsRepetitions()
    {
        var now = _clock.GetUtcNow();

        Assert.Equal([.. Enumerable.Range(1, 5).Select(i => now.AddMinutes(10 * i))], FireOnTime(TimerKind.Cycle, "R5/PT10M", 10));
    }

    [Fact]
    public void BoundedCycleWithStart_FiresAtTheStartThenEachDay_ThreeTimes()
    {
        Assert.Equal([InTehran(2027, 1, 1, 8), InTehran(2027, 1, 2, 8), InTehran(2027, 1, 3, 8)], FireOnTime(TimerKind.Cycle, "R3/2027-01-01T08:00/P1D", 10));
    }

    [Fact]
    public void CycleWithStartInThePast_SkipsTheOccurrencesBeforeActivation()
    {
        // Started daily at 08:00 from 2026-11-01; activated on the 4th at 09:00: the 4th's 08:00 has passed.
        var plan = Plan(TimerKind.Cycle, "R/2026-11-01T08:00/P1D");

        Assert.Equal(new TimerStartOccurrence(InTehran(2026, 11, 5, 8), 4), plan.First);
        Assert.Null(Plan(TimerKind.Cycle, "R2/2026-11-01T08:00/P1D").First);
    }

    [Fact]
    public void Cron_SixFieldQuartz_InTheCalendarZone_SkipsThursdayAndFriday()
    {
        // Wednesday 09:00: today's 08:00 has passed; Thursday and Friday are not in SAT-WED.
        Assert.Equal([InTehran(2026, 11, 7, 8), InTehran(2026, 11, 8, 8), InTehran(2026, 11, 9, 8), InTehran(2026, 11, 10, 8), InTehran(2026, 11, 11, 8), InTehran(2026, 11, 14, 8)],
            FireOnTime(TimerKind.Cycle, "0 0 8 ? * SAT-WED", 6));
    }

    [Fact]
    public void Cron_NumericDaysOfTheWeekCountAsInQuartz_SundayIsOne()
    {
        // Quartz 1-5 is SUN-THU.
        Assert.Equal(FireOnTime(TimerKind.Cycle, "0 30 7 ? * SUN-THU", 8), FireOnTime(TimerKind.Cycle, "0 30 7 ? * 1-5", 8));
        Assert.Equal(FireOnTime(TimerKind.Cycle, "0 0 12 ? * MON#2 *", 3), FireOnTime(TimerKind.Cycle, "0 0 12 ? * 2#2", 3));
    }

    [Fact]
    public void WorkingDays_TimeDateExpression_CountsWorkingDaysFromActivation_SkippingHolidays()
    {
        // Activated on Tuesday 1404/12/26 (2026-03-17) 09:00: Wednesday is a working day (1), Thursday and Friday are
        // the weekend, Nowruz (1405/01/01-04, 21-24 March) and the other holidays of the season are skipped: the second
        // working day ends at the office day's end, 14:00 Tehran, on the day the calendar says.
        _clock = new FakeTimeProvider(InTehran(2026, 3, 17, 9));
        var plan = Plan(TimerKind.Date, "${workingDays(2)}");

        Assert.Equal(InTehran(2026, 3, 25, 14), plan.First!.DueAt);
        var day = NodaTime.Instant.FromDateTimeOffset(plan.First.DueAt).InZone(Tehran.Zone).Date;
        Assert.True(day >= new NodaTime.LocalDate(2026, 3, 25), $"{day} should be after Nowruz");
        Assert.True(Tehran.IsWorkingDay(day));
        Assert.Equal(new NodaTime.LocalTime(14, 0), NodaTime.Instant.FromDateTimeOffset(plan.First.DueAt).InZone(Tehran.Zone).TimeOfDay);
    }

    [Fact]
    public void LateFiring_FiresOnce_AndTheNextOccurrenceIsTheFirstAfterIt()
    {
        var plan = Plan(TimerKind.Cycle, "R10/PT1H");
        var first = plan.First!;

        // Every node was down for five and a half hours after the first occurrence was due.
        var next = _calculator.Next(TimerKind.Cycle, plan.Text, first, first.DueAt.AddHours(5.5));

        Assert.Equal(new TimerStartOccurrence(first.DueAt.AddHours(6), 6), next);
        Assert.Null(_calculator.Next(TimerKind.Cycle, plan.Text, first, first.DueAt.AddHours(20)));
        var cron = Plan(TimerKind.Cycle, "0 0 8 ? * SAT-WED");
        Assert.Equal(InTehran(2026, 11, 14, 8), _calculator.Next(TimerKind.Cycle, cron.Text, cron.First!, InTehran(2026, 11, 11, 9))!.DueAt);
    }

    [Fact]
    public void FailingExpression_IsReportedWithTheExpression()
    {
        Assert.False(_calculator.TryPlan(new TimerEventDefinition(TimerKind.Date, Bpmn.Model.Expression.Parse("${nope()}")), _clock.GetUtcNow(), out _, out var error));

        Assert.Contains("${nope()}", error, StringComparison.Ordinal);
        Assert.False(_calculator.TryPlan(new TimerEventDefinition(TimerKind.Duration, Bpmn.Model.Expression.Parse("${'soon'}")), _clock.GetUtcNow(), out _, out error));
        Assert.Contains("gave 'soon'", error, StringComparison.Ordinal);
    }
}
