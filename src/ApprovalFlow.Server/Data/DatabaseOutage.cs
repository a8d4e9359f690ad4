using System.Net.Sockets;
using Npgsql;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// Tells a database outage (PostgreSQL unreachable, restarting or shutting down) from other failures, so requests
/// made during one are answered 503 with <c>Retry-After</c> (RFC 9110 §15.6.4, §10.2.3) instead of 500: the service
/// resumes by itself once the database is back.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>The <c>Retry-After</c> a client is given during an outage: 10 seconds.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>
    /// Whether <paramref name="exception"/> or an exception it wraps (EF Core wraps Npgsql's) is an outage: a
    /// <see cref="PostgresException"/> of SQLSTATE class 08 (connection exception) or 57P01–57P03 (admin or crash
    /// shutdown, cannot connect now), a transient <see cref="NpgsqlException"/> (connection refused, broken, timed out),
    /// or a <see cref="SocketException"/>.
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SocketException:
                    return true;
            }
        }

        return false;
    }
}
