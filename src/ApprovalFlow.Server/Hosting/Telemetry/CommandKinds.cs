using System.Text;
using ApprovalFlow.Engine.Commands;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>The <c>kind</c> tag of an engine command: a short snake_case name per command type.</summary>
public static class CommandKinds
{
    /// <summary>The kind of starting an instance: <c>start</c>.</summary>
    public const string Start = "start";

    /// <summary>
    /// The kind of <paramref name="command"/>: <c>complete</c> (a user task), <c>fire_timer</c>, <c>correlate_message</c>,
    /// <c>deliver_signal</c>, <c>complete_job</c>, <c>fail_job</c>, <c>cancel</c>, <c>withdraw</c>, ...; a command type
    /// not named here gets its type name in snake_case (<c>ChildInstanceCompleted</c> → <c>child_instance_completed</c>).
    /// </summary>
    public static string Of(EngineCommand command) => command switch
    {
        CompleteUserTask => "complete",
        CancelInstance => "cancel",
        WithdrawUserTask => "withdraw",
        _ => SnakeCase(command.GetType().Name),
    };

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
