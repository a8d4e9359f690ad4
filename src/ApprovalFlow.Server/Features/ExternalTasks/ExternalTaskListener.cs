using ApprovalFlow.Server.Data;
using Npgsql;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Listens on <see cref="ExternalTaskSignal.Channel"/> on a connection of its own and wakes this node's waiting polls
/// when any node announces a fetchable task; reconnects after a lost connection.
/// </summary>
internal sealed class ExternalTaskListener(IConfiguration configuration, ExternalTaskSignal signal, TimeProvider time, ILogger<ExternalTaskListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DataModule.ConnectionName)!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {ExternalTaskSignal.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Tasks announced while no connection listened are found now.
                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                ExternalTasksLog.ListenFailed(logger, e, ReconnectDelay);
                await Task.Delay(ReconnectDelay, time, stoppingToken);
            }
        }
    }
}
