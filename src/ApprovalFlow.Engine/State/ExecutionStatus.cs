using System.Text.Json.Serialization;

namespace ApprovalFlow.Engine.State;

/// <summary>Where an <see cref="Execution"/> is in running its node.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionStatus>))]
public enum ExecutionStatus
{
    /// <summary>Waiting for a command: a user task, job, message, timer, child instance or event-based gateway.</summary>
    Waiting,

    /// <summary>Running a scope (process, subprocess, multi-instance body or item): its children are the tokens inside.</summary>
    Scope,

    /// <summary>Arrived at a joining gateway through <see cref="Execution.ArrivedVia"/> and waiting for the join to fire.</summary>
    Joining,

    /// <summary>Stopped by an incident; <c>RetryIncident</c> runs the failed step again.</summary>
    Incident,
}
