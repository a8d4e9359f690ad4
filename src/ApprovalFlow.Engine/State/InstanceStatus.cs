using System.Text.Json.Serialization;

namespace ApprovalFlow.Engine.State;

/// <summary>The life-cycle status of a process instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus
{
    /// <summary>Has at least one token.</summary>
    Active,

    /// <summary>Every token reached an end (or a terminate end event fired at process level).</summary>
    Completed,

    /// <summary>Cancelled by a command.</summary>
    Cancelled,
}
