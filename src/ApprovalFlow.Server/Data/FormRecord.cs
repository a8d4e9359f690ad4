namespace ApprovalFlow.Server.Data;

/// <summary>One deployed version of a task form (a form-js schema named by <c>camunda:formKey</c>).</summary>
public sealed class FormRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The form key (<c>camunda:formKey</c>, the file name without <c>.form</c> for shipped forms).</summary>
    public required string Key { get; set; }

    /// <summary>Version, from 1, per key.</summary>
    public int Version { get; set; }

    /// <summary>The form's name for people (the schema's <c>name</c>), or <see langword="null"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The form-js schema as deployed (JSON text).</summary>
    public required string Schema { get; set; }

    /// <summary>Lower-case hex SHA-256 of the schema's UTF-8 text: the same content deploys once per key.</summary>
    public required string Sha256 { get; set; }

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Who deployed it: a user id, or <c>system</c> for start-up deployment.</summary>
    public required string DeployedBy { get; set; }
}
