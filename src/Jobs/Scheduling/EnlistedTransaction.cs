using System.Transactions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// One PostgreSQL transaction shared by EF Core and Hangfire.PostgreSql: a System.Transactions
/// transaction that the context's own connection is enlisted in. Hangfire.PostgreSql writes through a
/// TransactionScope and enlists the connection it is given, which here is that same connection, so
/// both writes commit (or roll back) as one. A second connection would make it a two-phase commit,
/// which PostgreSQL refuses unless <c>max_prepared_transactions</c> is raised.
/// </summary>
internal sealed class EnlistedTransaction : IAsyncDisposable
{
    private readonly DbContext _context;
    private readonly CommittableTransaction _transaction;
    private bool _done;

    private EnlistedTransaction(DbContext context, CommittableTransaction transaction)
    {
        _context = context;
        _transaction = transaction;
    }

    public NpgsqlConnection Connection => (NpgsqlConnection)_context.Database.GetDbConnection();

    /// <summary>Opens the context's connection in a new transaction. The context must not be in one already.</summary>
    public static async Task<EnlistedTransaction> BeginAsync(DbContext context, CancellationToken cancellationToken)
    {
        var transaction = new CommittableTransaction(new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted, Timeout = TimeSpan.FromMinutes(1) });
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            context.Database.EnlistTransaction(transaction);
            return new EnlistedTransaction(context, transaction);
        }
        catch
        {
            transaction.Dispose();
            await context.Database.CloseConnectionAsync();
            throw;
        }
    }

    /// <summary>Runs synchronous work (Hangfire's client API is synchronous) with the transaction ambient.</summary>
    public T Run<T>(Func<T> work)
    {
        using var scope = new TransactionScope(_transaction);
        var result = work();
        scope.Complete();
        return result;
    }

    public async Task CommitAsync()
    {
        _done = true;
        await Task.Factory.FromAsync(_transaction.BeginCommit, _transaction.EndCommit, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            _done = true;
            _transaction.Rollback();
        }
        _transaction.Dispose();
        await _context.Database.CloseConnectionAsync();
    }
}
