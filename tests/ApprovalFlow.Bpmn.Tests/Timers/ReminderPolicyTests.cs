using ApprovalFlow.Bpmn.Timers;

namespace ApprovalFlow.Bpmn.Tests.Timers;

public class ReminderPolicyTests
{
    private static readonly DateTimeOffset Due = new(2026, 5, 10, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void WorkingDayPolicy_GivesBeforeAtAndRepeatedAfter()
    {
        Assert.True(ReminderPolicy.TryParse("-P2D,P0D,R3/P1D", out var policy, out _));

        var instants = policy!.InstantsFor(Due, (from, days) => from.AddDays(days * 10));

        Assert.Equal([Due.AddDays(-20), Due, Due.AddDays(10), Due.AddDays(20), Due.AddDays(30)], instants);
    }

    [Fact]
    public void TimePolicy_CountsPlainTime()
    {
        Assert.True(ReminderPolicy.TryParse("-PT2S,PT0S,R2/PT1S", out var policy, out _));

        var instants = policy!.InstantsFor(Due, (_, _) => throw new InvalidOperationException("no working days here"));

        Assert.Equal([Due.AddSeconds(-2), Due, Due.AddSeconds(1), Due.AddSeconds(2)], instants);
    }

    [Theory]
    [InlineData("")]
    [InlineData("R3/P1D")]
    [InlineData("-P2D,R2/PT1H")]
    [InlineData("tomorrow")]
    [InlineData("P1DT2H")]
    public void InvalidPolicies_AreRefusedWithAReason(string text)
    {
        Assert.False(ReminderPolicy.TryParse(text, out var policy, out var error));
        Assert.Null(policy);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
