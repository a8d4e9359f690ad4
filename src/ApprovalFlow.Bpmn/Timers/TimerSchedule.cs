using NodaTime;

namespace ApprovalFlow.Bpmn.Timers;

/// <summary>
/// A timer's schedule read from ISO 8601 text (BPMN 2.0.2 §10.5.5 leaves the format to ISO 8601).
/// Parse with <see cref="TimerScheduleParser"/>. Immutable.
/// </summary>
public abstract record TimerSchedule;

/// <summary><c>timeDuration</c>: fires once, <see cref="Duration"/> after the timer starts.</summary>
/// <param name="Duration">An ISO 8601 duration such as <c>P2D</c> or <c>PT2S</c> (years and months allowed).</param>
public sealed record DurationSchedule(Period Duration) : TimerSchedule;

/// <summary><c>timeDate</c>: fires once at a fixed instant.</summary>
/// <param name="Local">The local date and time as written.</param>
/// <param name="Offset">The written UTC offset (<c>Z</c>, <c>+03:30</c>), or <see langword="null"/> when
/// none was written: the time is then read in the configured time zone.</param>
public sealed record DateSchedule(LocalDateTime Local, Offset? Offset) : TimerSchedule;

/// <summary>
/// <c>timeCycle</c>: <c>R[n]/duration</c> or <c>R[n]/start/duration</c>. Fires every
/// <see cref="Interval"/>, the first time one interval after <see cref="Start"/> (or after the timer
/// starts when <see cref="Start"/> is <see langword="null"/>).
/// </summary>
/// <param name="Repetitions">How many times it fires; <see langword="null"/> for <c>R/...</c> (unbounded).</param>
/// <param name="Start">The written start instant, or <see langword="null"/>.</param>
/// <param name="Interval">The period between firings; never zero.</param>
public sealed record CycleSchedule(int? Repetitions, DateSchedule? Start, Period Interval) : TimerSchedule;
