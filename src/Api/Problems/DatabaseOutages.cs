using System.Net.Sockets;
using Npgsql;

namespace VideoLang.Api.Problems;

/// <summary>
/// Whether a failure means PostgreSQL cannot be reached right now (stopped, restarting, refusing
/// connections), wherever in the exception chain it sits: EF Core wraps Npgsql's error in an
/// <see cref="InvalidOperationException"/> ("likely due to a transient failure") or a
/// <c>DbUpdateException</c>, and authentication or a health check may wrap it again.
/// </summary>
internal static class DatabaseOutages
{
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57P01-03: shut down by the administrator, crash shutdown, cannot connect now (starting up); 08xxx: connection exceptions.
                case PostgresException p when p.SqlState.StartsWith("57P0", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
