using System.Text.Json;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Infrastructure.Relational;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Experiments, served queries and feedback in the embedded SQLite file. "One running experiment per scope" is a
/// partial unique index, so two concurrent creations cannot both win.
/// </summary>
public sealed class SqliteExperimentStore(EmbeddedDatabase database) : IExperimentStore
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS experiments(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            collection TEXT,
            scope TEXT NOT NULL,
            arms TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            stopped_at INTEGER);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_experiments_running_scope ON experiments(scope) WHERE state = 'running';
        CREATE TABLE IF NOT EXISTS served_queries(
            id TEXT PRIMARY KEY,
            collection TEXT NOT NULL,
            strategy TEXT NOT NULL,
            experiment_id TEXT,
            arm INTEGER,
            latency_ms REAL NOT NULL,
            empty INTEGER NOT NULL,
            served_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_served_queries_experiment ON served_queries(experiment_id, arm) WHERE experiment_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS feedback(
            id TEXT PRIMARY KEY,
            answer_id TEXT NOT NULL REFERENCES served_queries(id),
            rating TEXT NOT NULL,
            comment TEXT,
            received_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_feedback_answer ON feedback(answer_id);
        """;

    // The global scope is '' rather than NULL: a unique index treats NULLs as distinct, which would allow two global experiments.
    private const string GlobalScope = "";
    private const int SqliteConstraint = 19;
    private const string ExperimentColumns = "SELECT id, name, collection, arms, state, created_at, stopped_at FROM experiments";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<bool> TryCreateAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        try
        {
            await WriteAsync(
                """
                INSERT INTO experiments(id, name, collection, scope, arms, state, created_at, stopped_at)
                VALUES ($id, $name, $collection, $scope, $arms, $state, $createdAt, $stoppedAt)
                """,
                p =>
                {
                    p.AddWithValue("$id", experiment.Id.ToString());
                    p.AddWithValue("$name", experiment.Name);
                    p.AddWithValue("$collection", (object?)experiment.Collection ?? DBNull.Value);
                    p.AddWithValue("$scope", experiment.Collection ?? GlobalScope);
                    p.AddWithValue("$arms", JsonSerializer.Serialize(experiment.Arms, s_json));
                    p.AddWithValue("$state", StateText(experiment.State));
                    p.AddWithValue("$createdAt", experiment.CreatedAt.ToUnixTimeMilliseconds());
                    p.AddWithValue("$stoppedAt", experiment.StoppedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            return false;
        }
    }

    public async Task<Experiment?> GetAsync(Guid experimentId, CancellationToken cancellationToken) =>
        (await ReadExperimentsAsync(ExperimentColumns + " WHERE id = $id", p => p.AddWithValue("$id", experimentId.ToString()), cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<Experiment>> ListAsync(CancellationToken cancellationToken) =>
        await ReadExperimentsAsync(ExperimentColumns + " ORDER BY created_at DESC, id DESC", _ => { }, cancellationToken).ConfigureAwait(false);

    public async Task<Experiment?> FindRunningAsync(string collection, CancellationToken cancellationToken) =>
        (await ReadExperimentsAsync(
            ExperimentColumns + " WHERE state = 'running' AND (collection = $collection OR collection IS NULL) ORDER BY collection IS NULL LIMIT 1",
            p => p.AddWithValue("$collection", collection),
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<Experiment?> StopAsync(Guid experimentId, DateTimeOffset stoppedAt, CancellationToken cancellationToken)
    {
        await WriteAsync(
            "UPDATE experiments SET state = 'stopped', stopped_at = $stoppedAt WHERE id = $id AND state = 'running'",
            p =>
            {
                p.AddWithValue("$id", experimentId.ToString());
                p.AddWithValue("$stoppedAt", stoppedAt.ToUnixTimeMilliseconds());
            },
            cancellationToken).ConfigureAwait(false);
        return await GetAsync(experimentId, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordQueryAsync(ServedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await WriteAsync(
            """
            INSERT OR IGNORE INTO served_queries(id, collection, strategy, experiment_id, arm, latency_ms, empty, served_at)
            VALUES ($id, $collection, $strategy, $experiment, $arm, $latency, $empty, $servedAt)
            """,
            p =>
            {
                p.AddWithValue("$id", query.QueryId.ToString());
                p.AddWithValue("$collection", query.Collection);
                p.AddWithValue("$strategy", query.Strategy);
                p.AddWithValue("$experiment", query.Experiment is { } e ? e.ExperimentId.ToString() : DBNull.Value);
                p.AddWithValue("$arm", query.Experiment is { } a ? a.Arm : DBNull.Value);
                p.AddWithValue("$latency", query.LatencyMs);
                p.AddWithValue("$empty", query.Empty);
                p.AddWithValue("$servedAt", query.ServedAt.ToUnixTimeMilliseconds());
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var added = await WriteAsync(
            """
            INSERT INTO feedback(id, answer_id, rating, comment, received_at)
            SELECT $id, $answer, $rating, $comment, $receivedAt WHERE EXISTS (SELECT 1 FROM served_queries WHERE id = $answer AND
            """ + TenantFilter.Sqlite("collection", "$tenant") + ")",
            p =>
            {
                p.AddWithValue("$id", feedback.Id.ToString());
                p.AddWithValue("$answer", feedback.AnswerId.ToString());
                p.AddWithValue("$rating", feedback.Rating == FeedbackRating.Up ? "up" : "down");
                p.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
                p.AddWithValue("$receivedAt", feedback.ReceivedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$tenant", (object?)feedback.Tenant ?? DBNull.Value);
            },
            cancellationToken).ConfigureAwait(false);
        return added > 0;
    }

    public async Task<IReadOnlyList<ArmTally>> GetTalliesAsync(Guid experimentId, CancellationToken cancellationToken)
    {
        var latencies = new Dictionary<int, List<double>>();
        var empty = new Dictionary<int, int>();
        var up = new Dictionary<int, int>();
        var down = new Dictionary<int, int>();
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$id", experimentId.ToString());
            command.CommandText = "SELECT arm, latency_ms, empty FROM served_queries WHERE experiment_id = $id";
            await ForEachRowAsync(command, r =>
            {
                var arm = r.GetInt32(0);
                AddToList(latencies, arm, r.GetDouble(1));
                empty[arm] = empty.GetValueOrDefault(arm) + (r.GetBoolean(2) ? 1 : 0);
            }, cancellationToken).ConfigureAwait(false);

            // Only an answer's latest rating counts (rowid is insertion order), so a person changing their mind is one vote.
            command.CommandText = """
                SELECT q.arm, f.rating, count(*)
                FROM served_queries q
                JOIN (SELECT answer_id, rating, row_number() OVER (PARTITION BY answer_id ORDER BY rowid DESC) AS latest FROM feedback) f
                    ON f.answer_id = q.id AND f.latest = 1
                WHERE q.experiment_id = $id
                GROUP BY q.arm, f.rating
                """;
            await ForEachRowAsync(command, r => (r.GetString(1) == "up" ? up : down)[r.GetInt32(0)] = r.GetInt32(2), cancellationToken)
                .ConfigureAwait(false);
        }

        return [.. latencies.Keys.Union(up.Keys).Union(down.Keys).Order().Select(arm => new ArmTally(
            arm, latencies.GetValueOrDefault(arm) ?? [], empty.GetValueOrDefault(arm), up.GetValueOrDefault(arm), down.GetValueOrDefault(arm)))];
    }

    private static void AddToList(Dictionary<int, List<double>> lists, int key, double value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(value);
    }

    private async Task<int> WriteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Experiment>> ReadExperimentsAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var experiments = new List<Experiment>();
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            await ForEachRowAsync(command, r => experiments.Add(new Experiment(
                Guid.Parse(r.GetString(0)),
                r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                JsonSerializer.Deserialize<List<ExperimentArm>>(r.GetString(3), s_json) ?? [],
                r.GetString(4) == "running" ? ExperimentState.Running : ExperimentState.Stopped,
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
                r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)))), cancellationToken).ConfigureAwait(false);
        }

        return experiments;
    }

    private static async Task ForEachRowAsync(SqliteCommand command, Action<SqliteDataReader> read, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read(reader);
            }
        }
    }

    private static string StateText(ExperimentState state) => state == ExperimentState.Running ? "running" : "stopped";
}
