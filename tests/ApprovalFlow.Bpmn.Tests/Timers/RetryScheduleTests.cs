using ApprovalFlow.Bpmn.Timers;
using NodaTime;

namespace ApprovalFlow.Bpmn.Tests.Timers;

public class RetryScheduleTests
{
    [Theory]
    [InlineData("R3/PT1M", new[] { "PT1M", "PT1M" })]
    [InlineData("R1/PT1M", new string[0])]
    [InlineData("PT1M,PT5M,PT10M", new[] { "PT1M", "PT5M", "PT10M" })]
    [InlineData("P1D", new[] { "P1D" })]
    public void TryParse_GivesTheWaitBeforeEachRetry(string text, string[] expected)
    {
        Assert.True(RetrySchedule.TryParse(text, out var waits));
        Assert.Equal(expected, waits.Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("R/PT1M")]
    [InlineData("R3/2026-01-01T00:00:00Z/PT1M")]
    [InlineData("PT1M,,PT5M")]
    [InlineData("three times")]
    public void TryParse_RejectsUnboundedDatedOrMalformed(string text)
    {
        Assert.False(RetrySchedule.TryParse(text, out var waits));
        Assert.Empty(waits);
    }

    [Fact]
    public void Periods_AreNodaTimePeriods() =>
        Assert.True(RetrySchedule.TryParse("PT90S", out var waits) && waits[0].Equals(Period.FromSeconds(90)));
}
