using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The in-process bus with the Kafka contract, durable in SQLite: a message is a row in its topic's
/// partition, a group's committed offset per partition is a row too, and whatever a group has not committed
/// is delivered again after a restart. Rows every group has committed are deleted, by each member at most once a second.
/// </summary>
public sealed class SqliteMessageBus : IMessageBus
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS bus_messages(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            topic TEXT NOT NULL,
            partition INTEGER NOT NULL,
            msg_key TEXT NOT NULL,
            value BLOB NOT NULL,
            headers TEXT NOT NULL,
            published_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_bus_messages_partition ON bus_messages(topic, partition, id);
        CREATE TABLE IF NOT EXISTS bus_offsets(
            group_name TEXT NOT NULL,
            topic TEXT NOT NULL,
            partition INTEGER NOT NULL,
            committed INTEGER NOT NULL,
            PRIMARY KEY(group_name, topic, partition)) WITHOUT ROWID;
        """;

    private readonly ConcurrentDictionary<string, TopicSignal> _signals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Topic, string Group), ConsumerGroupMembership> _groups = new();
    private readonly TimeProvider _timeProvider;

    public SqliteMessageBus(EmbeddedDatabase database, IOptions<EmbeddedBusOptions> options, TimeProvider timeProvider, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        Database = database.Sqlite;
        Options = options.Value;
        _timeProvider = timeProvider;
        EmbeddedBusTelemetry.Observe(meterFactory, Database);
    }

    internal EmbeddedBusOptions Options { get; }

    internal SqliteDatabase Database { get; }

    public async Task PublishAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(messages);
        var partitions = Options.PartitionsOf(topic);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var session = await Database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var transaction = session.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                var insert = session.Command("""
                    INSERT INTO bus_messages(topic, partition, msg_key, value, headers, published_at)
                    VALUES ($topic, $partition, $key, $value, $headers, $now)
                    """);
                insert.Parameters.AddWithValue("$topic", topic);
                var partition = insert.Parameters.Add("$partition", Microsoft.Data.Sqlite.SqliteType.Integer);
                var key = insert.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
                var value = insert.Parameters.Add("$value", Microsoft.Data.Sqlite.SqliteType.Blob);
                var headers = insert.Parameters.Add("$headers", Microsoft.Data.Sqlite.SqliteType.Text);
                insert.Parameters.AddWithValue("$now", now);
                foreach (var message in messages)
                {
                    partition.Value = KeyPartitioner.PartitionFor(message.Key, partitions);
                    key.Value = message.Key;
                    value.Value = message.Value.ToArray();
                    headers.Value = JsonSerializer.Serialize(message.Headers);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        SignalOf(topic).Pulse();
    }

    public IMessageConsumer Subscribe(string topic, string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(group);
        var membership = _groups.GetOrAdd((topic, group), _ => new ConsumerGroupMembership(Options.PartitionsOf(topic)));
        RegisterGroup(topic, group);
        return new SqliteMessageConsumer(this, topic, group, membership, SignalOf(topic), _timeProvider);
    }

    // A group holds back retention from the moment it subscribes, before its first fetch: rows are deleted only
    // once every registered group has committed past them.
    private void RegisterGroup(string topic, string group)
    {
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO bus_offsets(group_name, topic, partition, committed) VALUES ($group, $topic, $partition, 0)";
        command.Parameters.AddWithValue("$group", group);
        command.Parameters.AddWithValue("$topic", topic);
        var partition = command.Parameters.Add("$partition", Microsoft.Data.Sqlite.SqliteType.Integer);
        for (var p = 0; p < Options.PartitionsOf(topic); p++)
        {
            partition.Value = p;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private TopicSignal SignalOf(string topic) => _signals.GetOrAdd(topic, _ => new TopicSignal());
}
