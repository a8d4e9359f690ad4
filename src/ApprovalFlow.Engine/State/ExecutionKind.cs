using System.Text.Json.Serialization;

namespace ApprovalFlow.Engine.State;

/// <summary>What an <see cref="Execution"/> stands for in the tree of executions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionKind>))]
public enum ExecutionKind
{
    /// <summary>The process instance scope; its <see cref="Execution.NodeId"/> is the process id.</summary>
    Root,

    /// <summary>A token on a flow node; when the node is a subprocess the token is also the scope of the tokens inside.</summary>
    Token,

    /// <summary>The multi-instance body of an activity (BPMN 2.0.2 §10.3.8): its children are the instances.</summary>
    MultiInstanceBody,

    /// <summary>One instance of a multi-instance activity; holds <c>loopCounter</c> and the element variable.</summary>
    MultiInstanceItem,
}
