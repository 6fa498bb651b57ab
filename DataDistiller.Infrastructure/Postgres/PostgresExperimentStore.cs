using System.Text.Json;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Infrastructure.Relational;
using Npgsql;
using NpgsqlTypes;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>
/// Experiments, served queries and feedback in PostgreSQL. "One running experiment per scope" is a partial unique
/// index, so two replicas creating one at the same time cannot both win.
/// </summary>
public sealed class PostgresExperimentStore(PostgresDatabase database) : IExperimentStore
{
    // The global scope is '' rather than NULL: a unique index treats NULLs as distinct, which would allow two global experiments.
    private const string GlobalScope = "";
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
                VALUES (@id, @name, @collection, @scope, @arms, @state, @createdAt, @stoppedAt)
                """,
                p =>
                {
                    p.AddWithValue("id", experiment.Id);
                    p.AddWithValue("name", experiment.Name);
                    p.Add("collection", NpgsqlDbType.Text).Value = (object?)experiment.Collection ?? DBNull.Value;
                    p.AddWithValue("scope", experiment.Collection ?? GlobalScope);
                    p.Add("arms", NpgsqlDbType.Jsonb).Value = JsonSerializer.Serialize(experiment.Arms, s_json);
                    p.AddWithValue("state", experiment.State == ExperimentState.Running ? "running" : "stopped");
                    p.AddWithValue("createdAt", experiment.CreatedAt.ToUniversalTime());
                    p.Add("stoppedAt", NpgsqlDbType.TimestampTz).Value = experiment.StoppedAt is { } at ? at.ToUniversalTime() : DBNull.Value;
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    public async Task<Experiment?> GetAsync(Guid experimentId, CancellationToken cancellationToken) =>
        (await ReadExperimentsAsync(ExperimentColumns + " WHERE id = @id", p => p.AddWithValue("id", experimentId), cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<Experiment>> ListAsync(CancellationToken cancellationToken) =>
        await ReadExperimentsAsync(ExperimentColumns + " ORDER BY created_at DESC, id DESC", _ => { }, cancellationToken).ConfigureAwait(false);

    public async Task<Experiment?> FindRunningAsync(string collection, CancellationToken cancellationToken) =>
        (await ReadExperimentsAsync(
            ExperimentColumns + " WHERE state = 'running' AND (collection = @collection OR collection IS NULL) ORDER BY collection IS NULL LIMIT 1",
            p => p.AddWithValue("collection", collection),
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<Experiment?> StopAsync(Guid experimentId, DateTimeOffset stoppedAt, CancellationToken cancellationToken)
    {
        await WriteAsync(
            "UPDATE experiments SET state = 'stopped', stopped_at = @stoppedAt WHERE id = @id AND state = 'running'",
            p =>
            {
                p.AddWithValue("id", experimentId);
                p.AddWithValue("stoppedAt", stoppedAt.ToUniversalTime());
            },
            cancellationToken).ConfigureAwait(false);
        return await GetAsync(experimentId, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordQueryAsync(ServedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await WriteAsync(
            """
            INSERT INTO served_queries(id, collection, strategy, experiment_id, arm, latency_ms, empty, served_at)
            VALUES (@id, @collection, @strategy, @experiment, @arm, @latency, @empty, @servedAt)
            ON CONFLICT (id) DO NOTHING
            """,
            p =>
            {
                p.AddWithValue("id", query.QueryId);
                p.AddWithValue("collection", query.Collection);
                p.AddWithValue("strategy", query.Strategy);
                p.Add("experiment", NpgsqlDbType.Uuid).Value = query.Experiment is { } e ? e.ExperimentId : DBNull.Value;
                p.Add("arm", NpgsqlDbType.Integer).Value = query.Experiment is { } a ? a.Arm : DBNull.Value;
                p.AddWithValue("latency", query.LatencyMs);
                p.AddWithValue("empty", query.Empty);
                p.AddWithValue("servedAt", query.ServedAt.ToUniversalTime());
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var added = await WriteAsync(
            """
            INSERT INTO feedback(id, answer_id, rating, comment, received_at)
            SELECT @id, @answer, @rating, @comment, @receivedAt WHERE EXISTS (SELECT 1 FROM served_queries WHERE id = @answer AND
            """ + TenantFilter.Postgres("collection", "@tenant") + ")",
            p =>
            {
                p.AddWithValue("id", feedback.Id);
                p.AddWithValue("answer", feedback.AnswerId);
                p.AddWithValue("rating", feedback.Rating == FeedbackRating.Up ? "up" : "down");
                p.Add("comment", NpgsqlDbType.Text).Value = (object?)feedback.Comment ?? DBNull.Value;
                p.AddWithValue("receivedAt", feedback.ReceivedAt.ToUniversalTime());
                p.Add("tenant", NpgsqlDbType.Text).Value = (object?)feedback.Tenant ?? DBNull.Value;
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
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT arm, latency_ms, empty FROM served_queries WHERE experiment_id = @id", connection);
            command.Parameters.AddWithValue("id", experimentId);
            await ForEachRowAsync(command, r =>
            {
                var arm = r.GetInt32(0);
                if (!latencies.TryGetValue(arm, out var list))
                {
                    latencies[arm] = list = [];
                }

                list.Add(r.GetDouble(1));
                empty[arm] = empty.GetValueOrDefault(arm) + (r.GetBoolean(2) ? 1 : 0);
            }, cancellationToken).ConfigureAwait(false);

            // Only an answer's latest rating counts (seq is insertion order), so a person changing their mind is one vote.
            command.CommandText = """
                SELECT q.arm, f.rating, count(*)::integer
                FROM served_queries q
                JOIN (SELECT DISTINCT ON (answer_id) answer_id, rating FROM feedback ORDER BY answer_id, seq DESC) f ON f.answer_id = q.id
                WHERE q.experiment_id = @id
                GROUP BY q.arm, f.rating
                """;
            await ForEachRowAsync(command, r => (r.GetString(1) == "up" ? up : down)[r.GetInt32(0)] = r.GetInt32(2), cancellationToken)
                .ConfigureAwait(false);
        }

        return [.. latencies.Keys.Union(up.Keys).Union(down.Keys).Order().Select(arm => new ArmTally(
            arm, latencies.GetValueOrDefault(arm) ?? [], empty.GetValueOrDefault(arm), up.GetValueOrDefault(arm), down.GetValueOrDefault(arm)))];
    }

    private async Task<int> WriteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Experiment>> ReadExperimentsAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var experiments = new List<Experiment>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            bind(command.Parameters);
            await ForEachRowAsync(command, r => experiments.Add(new Experiment(
                r.GetGuid(0),
                r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                JsonSerializer.Deserialize<List<ExperimentArm>>(r.GetString(3), s_json) ?? [],
                r.GetString(4) == "running" ? ExperimentState.Running : ExperimentState.Stopped,
                r.GetFieldValue<DateTimeOffset>(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6))), cancellationToken).ConfigureAwait(false);
        }

        return experiments;
    }

    private static async Task ForEachRowAsync(NpgsqlCommand command, Action<NpgsqlDataReader> read, CancellationToken cancellationToken)
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
}
