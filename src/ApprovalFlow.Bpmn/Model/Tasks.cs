namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// A plain <c>task</c> or a <c>manualTask</c> (BPMN 2.0.2 §10.3.3): the engine passes the token
/// straight through.
/// </summary>
public sealed record PassThroughTask : Activity
{
    /// <summary><c>task</c> or <c>manualTask</c>.</summary>
    public required string Kind { get; init; }

    /// <inheritdoc />
    public override string ElementType => Kind;
}

/// <summary>
/// A user task (BPMN 2.0.2 §10.3.3) with the Camunda 7 assignment attributes. Every string may be a
/// literal or a <c>${...}</c> expression.
/// </summary>
public sealed record UserTask : Activity
{
    /// <summary>
    /// <c>camunda:assignee</c>, else the <c>humanPerformer</c>'s formal expression (BPMN 2.0.2 §10.3.3;
    /// <c>user(x)</c> or plain): a user id, or <see langword="null"/>. The Camunda attribute wins, as in Camunda 7.
    /// </summary>
    public Expression? Assignee { get; init; }

    /// <summary><c>camunda:candidateUsers</c>: comma-separated user ids (or an expression giving a list), or <see langword="null"/>.</summary>
    public Expression? CandidateUsers { get; init; }

    /// <summary><c>camunda:candidateGroups</c>: comma-separated group ids (or an expression giving a list), or <see langword="null"/>.</summary>
    public Expression? CandidateGroups { get; init; }

    /// <summary>
    /// Candidate users from <c>potentialOwner</c> (BPMN 2.0.2 §10.3.3, resource assignment):
    /// each <c>user(x)</c> entry of its <c>formalExpression</c>, literal or expression; added to
    /// <see cref="CandidateUsers"/>, as Camunda 7 adds both.
    /// </summary>
    public IReadOnlyList<Expression> PotentialOwnerUsers { get; init; } = [];

    /// <summary>
    /// Candidate groups from <c>potentialOwner</c>: each <c>group(y)</c> or plain entry (a plain entry
    /// is a group, as Camunda 7 reads it); added to <see cref="CandidateGroups"/>.
    /// </summary>
    public IReadOnlyList<Expression> PotentialOwnerGroups { get; init; } = [];

    /// <summary><c>camunda:dueDate</c>: an ISO 8601 instant, or an expression giving one; <see langword="null"/> for none.</summary>
    public Expression? DueDate { get; init; }

    /// <summary><c>camunda:followUpDate</c>: like <see cref="DueDate"/>.</summary>
    public Expression? FollowUpDate { get; init; }

    /// <summary><c>camunda:priority</c>: an integer (default 50 when unset), or an expression giving one.</summary>
    public Expression? Priority { get; init; }

    /// <summary><c>camunda:formKey</c>: the task form's key, or <see langword="null"/>.</summary>
    public string? FormKey { get; init; }

    /// <inheritdoc />
    public override string ElementType => "userTask";
}

/// <summary>
/// A <c>serviceTask</c> or <c>sendTask</c> with <c>camunda:type="external"</c> (BPMN 2.0.2 §10.3.3):
/// the host runs the handler registered for <see cref="Topic"/> as a job.
/// </summary>
public sealed record ServiceTask : Activity
{
    /// <summary><c>serviceTask</c> or <c>sendTask</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>camunda:topic</c>: the name of the host's handler.</summary>
    public required string Topic { get; init; }

    /// <summary>
    /// <c>camunda:failedJobRetryTimeCycle</c> as written (e.g. <c>R3/PT1M</c>), or <see langword="null"/>
    /// for the host's default.
    /// </summary>
    public string? RetryTimeCycle { get; init; }

    /// <summary>
    /// <c>camunda:taskPriority</c> (Camunda 7 external task priority): an integer (64-bit), or an expression giving
    /// one, evaluated when the task is created; <see langword="null"/> falls back to the process's
    /// <see cref="ProcessDefinition.TaskPriority"/>, then 0.
    /// </summary>
    public Expression? TaskPriority { get; init; }

    /// <inheritdoc />
    public override string ElementType => Kind;
}

/// <summary>A script task (BPMN 2.0.2 §10.3.3) whose JavaScript runs in the sandboxed expression engine.</summary>
public sealed record ScriptTask : Activity
{
    /// <summary><c>scriptFormat</c>; only <c>javascript</c> (any case, or <c>js</c>) is accepted.</summary>
    public required string ScriptFormat { get; init; }

    /// <summary>The <c>script</c> element's text.</summary>
    public required string Script { get; init; }

    /// <summary><c>camunda:resultVariable</c>: variable receiving the script's completion value, or <see langword="null"/>.</summary>
    public string? ResultVariable { get; init; }

    /// <inheritdoc />
    public override string ElementType => "scriptTask";
}

/// <summary>A receive task (BPMN 2.0.2 §10.3.3): waits for the message named <see cref="MessageName"/>.</summary>
public sealed record ReceiveTask : Activity
{
    /// <summary>Id of the <c>bpmn:message</c> (<c>messageRef</c>).</summary>
    public required string MessageRef { get; init; }

    /// <summary>The message's <c>name</c>, used for correlation.</summary>
    public required string MessageName { get; init; }

    /// <inheritdoc />
    public override string ElementType => "receiveTask";
}
