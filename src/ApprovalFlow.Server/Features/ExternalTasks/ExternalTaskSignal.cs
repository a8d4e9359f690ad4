namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Wakes the waiting <c>fetchAndLock</c> long polls of this node when a task may have become fetchable (offered,
/// unlocked, retried here, or announced by another node through PostgreSQL <c>NOTIFY</c>). Thread-safe singleton.
/// </summary>
public sealed class ExternalTaskSignal
{
    /// <summary>The PostgreSQL channel the nodes announce fetchable tasks on.</summary>
    public const string Channel = "approvalflow_external_tasks";

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>How many long polls of this node wait for tasks now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Completes at the next <see cref="Notify"/>; take it before looking for tasks, so no wake-up is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Waits for <paramref name="wake"/> (taken from <see cref="Next"/>) or <paramref name="pause"/>, counted in <see cref="Waiting"/>.</summary>
    internal async Task WaitAsync(Task wake, Task pause)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await Task.WhenAny(wake, pause);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Wakes every poll waiting on <see cref="Next"/>.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
