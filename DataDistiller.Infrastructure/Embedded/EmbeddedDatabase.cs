namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The embedded mode's SQLite file for jobs, the message queue, experiments and dead letters; one file so that a job row
/// and its queue rows live under the same durability rules.
/// </summary>
public sealed class EmbeddedDatabase(string path) : IDisposable
{
    public const string FileName = "distiller.db";

    public SqliteDatabase Sqlite { get; } = new(path, SqliteJobStore.Schema + SqliteIdempotencyStore.Schema + SqliteMessageBus.Schema + SqliteExperimentStore.Schema + SqliteDeadLetterStore.Schema);

    public void Dispose() => Sqlite.Dispose();
}
