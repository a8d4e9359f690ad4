namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Reads every task form at start-up (<see cref="TaskForms.ReadAll"/>), so a form the server cannot
/// check (an unsupported condition, component or pattern) stops start-up with an
/// <see cref="InvalidTaskFormException"/> naming each problem, instead of failing a completion later.
/// </summary>
internal sealed class TaskFormsReader(TaskForms forms) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        forms.ReadAll();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
