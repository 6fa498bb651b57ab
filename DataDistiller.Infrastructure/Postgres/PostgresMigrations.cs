using Npgsql;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>
/// The schema as ordered, append-only migrations. A released migration is never edited: a change is a new version.
/// Every replica applies them at start; an advisory lock makes the replicas that start together take turns.
/// </summary>
public static class PostgresMigrations
{
    // Any fixed number works; it only has to be the same in every replica and differ from other users of advisory locks.
    private const long AdvisoryLockKey = 0x44617461_44697374;

    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<PostgresMigration> All { get; } =
    [
        new(1, "jobs", """
            CREATE TABLE collections(
                name text PRIMARY KEY,
                created_at timestamptz NOT NULL);
            CREATE TABLE documents(
                id uuid PRIMARY KEY,
                job_id uuid NOT NULL,
                collection text NOT NULL REFERENCES collections(name),
                file_name text NOT NULL,
                content_type text NOT NULL,
                blob_key text NOT NULL,
                size_bytes bigint NOT NULL,
                sha256 text NOT NULL,
                status text NOT NULL,
                chunks_total integer,
                chunks_done integer NOT NULL DEFAULT 0,
                error text,
                accepted_at timestamptz NOT NULL,
                splitting_at timestamptz,
                embedding_at timestamptz,
                indexed_at timestamptz,
                failed_at timestamptz,
                updated_at timestamptz NOT NULL);
            CREATE INDEX ix_documents_collection ON documents(collection, id);
            CREATE INDEX ix_documents_status ON documents(status, id);
            CREATE TABLE chunks_done(
                document_id uuid NOT NULL,
                ordinal integer NOT NULL,
                PRIMARY KEY(document_id, ordinal));
            """),
        new(2, "experiments", """
            CREATE TABLE experiments(
                id uuid PRIMARY KEY,
                name text NOT NULL,
                collection text,
                scope text NOT NULL,
                arms jsonb NOT NULL,
                state text NOT NULL,
                created_at timestamptz NOT NULL,
                stopped_at timestamptz);
            CREATE UNIQUE INDEX ux_experiments_running_scope ON experiments(scope) WHERE state = 'running';
            CREATE TABLE served_queries(
                id uuid PRIMARY KEY,
                collection text NOT NULL,
                strategy text NOT NULL,
                experiment_id uuid,
                arm integer,
                latency_ms double precision NOT NULL,
                empty boolean NOT NULL,
                served_at timestamptz NOT NULL);
            CREATE INDEX ix_served_queries_experiment ON served_queries(experiment_id, arm) WHERE experiment_id IS NOT NULL;
            CREATE TABLE feedback(
                seq bigint GENERATED ALWAYS AS IDENTITY,
                id uuid PRIMARY KEY,
                answer_id uuid NOT NULL REFERENCES served_queries(id),
                rating text NOT NULL,
                comment text,
                received_at timestamptz NOT NULL);
            CREATE INDEX ix_feedback_answer ON feedback(answer_id, seq);
            """),
        new(3, "dead-letters", """
            ALTER TABLE documents ADD COLUMN retries integer NOT NULL DEFAULT 0;
            CREATE TABLE dead_letters(
                id uuid PRIMARY KEY,
                topic text NOT NULL,
                msg_key text NOT NULL,
                document_id uuid,
                error_type text NOT NULL,
                reason text NOT NULL,
                attempts integer NOT NULL,
                first_failed_at timestamptz NOT NULL,
                last_failed_at timestamptz NOT NULL,
                payload bytea NOT NULL,
                headers jsonb NOT NULL,
                schema_version integer NOT NULL);
            CREATE INDEX ix_dead_letters_topic ON dead_letters(topic, id);
            CREATE INDEX ix_dead_letters_document ON dead_letters(document_id, id);
            """),
        new(4, "idempotency", """
            CREATE UNIQUE INDEX ux_documents_live_content ON documents(collection, sha256) WHERE status NOT IN ('failed', 'deleted');
            CREATE TABLE idempotency_keys(
                collection text NOT NULL,
                key text NOT NULL,
                request_hash text NOT NULL,
                response text,
                expires_at timestamptz NOT NULL,
                PRIMARY KEY(collection, key));
            CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys(expires_at);
            """),
    ];

    /// <summary>Applies the migrations this database lacks, in one transaction; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<PostgresMigration>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The lock is held until commit, so a second replica reads the version table only after the first one's DDL is visible.
                await ExecuteAsync(connection, $"""
                    SELECT pg_advisory_xact_lock({AdvisoryLockKey});
                    CREATE TABLE IF NOT EXISTS schema_migrations(
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now());
                    """, cancellationToken).ConfigureAwait(false);

                var applied = new HashSet<int>();
                using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
                {
                    var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied.Add(reader.GetInt32(0));
                        }
                    }
                }

                var pending = All.Where(m => !applied.Contains(m.Version)).ToList();
                foreach (var migration in pending)
                {
                    await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                    using var record = new NpgsqlCommand("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", connection);
                    record.Parameters.Add(new() { Value = migration.Version });
                    record.Parameters.Add(new() { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return pending;
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
