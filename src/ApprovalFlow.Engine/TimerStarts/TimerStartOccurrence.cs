namespace ApprovalFlow.Engine.TimerStarts;

/// <summary>One due firing of a timer start event.</summary>
/// <param name="DueAt">When it is due (UTC).</param>
/// <param name="Index">Its 0-based place in the timer's sequence of occurrences (a <c>R3/...</c> cycle has 0, 1 and 2).</param>
public sealed record TimerStartOccurrence(DateTimeOffset DueAt, int Index);

/// <summary>The schedule of a timer start event when its version became the latest.</summary>
/// <param name="Text">The timer text, evaluated when it was an expression (kept to compute later occurrences).</param>
/// <param name="First">The first firing, or <see langword="null"/> when the timer never fires (every occurrence of a cycle with a start lies before activation).</param>
public sealed record TimerStartPlan(string Text, TimerStartOccurrence? First);
