using System.Text.Json;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// One member of a consumer group on the SQLite bus. It reads its partitions from its own position (starting
/// at the group's committed offset) and commits offsets per partition, never backwards.
/// </summary>
internal sealed class SqliteMessageConsumer : IMessageConsumer
{
    private static readonly Dictionary<string, string> s_noHeaders = [];

    private readonly SqliteMessageBus _bus;
    private readonly string _topic;
    private readonly string _group;
    private readonly ConsumerGroupMembership _membership;
    private readonly TopicSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<int, long> _positions = [];
    private int _generation = -1;
    private int[] _partitions = [];
    private int _nextPartition;

    public SqliteMessageConsumer(
        SqliteMessageBus bus, string topic, string group, ConsumerGroupMembership membership, TopicSignal signal, TimeProvider timeProvider)
    {
        _bus = bus;
        _topic = topic;
        _group = group;
        _membership = membership;
        _signal = signal;
        _timeProvider = timeProvider;
        _membership.Join(this);
    }

    public async Task<IReadOnlyList<ConsumedMessage>> ConsumeAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var batch = new List<ConsumedMessage>(maxMessages);
        while (true)
        {
            var signalled = _signal.Next;
            await RefreshAssignmentAsync(cancellationToken).ConfigureAwait(false);
            // Fetching is never cancelled half-way: a read row advances the position and must reach the caller.
            await FetchAsync(batch, maxMessages, CancellationToken.None).ConfigureAwait(false);
            if (batch.Count > 0)
            {
                break;
            }

            await WaitAsync(signalled, _bus.Options.PollInterval, cancellationToken).ConfigureAwait(false);
        }

        // Hold a partial batch briefly: one model call for many chunks is worth a few milliseconds. Messages already
        // fetched are handed out even when the wait is cancelled, so the position never runs ahead of what was delivered.
        var deadline = _timeProvider.GetUtcNow() + maxWait;
        while (batch.Count < maxMessages && !cancellationToken.IsCancellationRequested && _timeProvider.GetUtcNow() is var now && now < deadline)
        {
            var signalled = _signal.Next;
            if (await FetchAsync(batch, maxMessages, CancellationToken.None).ConfigureAwait(false) == 0)
            {
                await WaitQuietlyAsync(signalled, deadline - now, cancellationToken).ConfigureAwait(false);
            }
        }

        return batch;
    }

    public async Task CommitAsync(IReadOnlyList<ConsumedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var connection = await _bus.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var (partition, offset) in messages.GroupBy(m => m.Partition).Select(g => (g.Key, g.Max(m => m.Offset))))
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = """
                        INSERT INTO bus_offsets(group_name, topic, partition, committed) VALUES ($group, $topic, $partition, $offset)
                        ON CONFLICT(group_name, topic, partition) DO UPDATE SET committed = max(committed, excluded.committed);
                        DELETE FROM bus_messages WHERE topic = $topic AND partition = $partition
                          AND id <= (SELECT min(committed) FROM bus_offsets WHERE topic = $topic AND partition = $partition);
                        """;
                    command.Parameters.AddWithValue("$group", _group);
                    command.Parameters.AddWithValue("$topic", _topic);
                    command.Parameters.AddWithValue("$partition", partition);
                    command.Parameters.AddWithValue("$offset", offset);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _membership.Leave(this);
        return ValueTask.CompletedTask;
    }

    private async Task WaitQuietlyAsync(Task signalled, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await WaitAsync(signalled, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller stops waiting; what the batch holds is still delivered.
        }
    }

    private async Task WaitAsync(Task signalled, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, _timeProvider, timeoutSource.Token);
        await Task.WhenAny(signalled, delay).ConfigureAwait(false);
        await timeoutSource.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    // Reads up to the free room of the batch from the owned partitions, round-robin so none starves.
    private async Task<int> FetchAsync(List<ConsumedMessage> batch, int maxMessages, CancellationToken cancellationToken)
    {
        var connection = await _bus.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var fetched = 0;
            for (var i = 0; i < _partitions.Length && batch.Count < maxMessages; i++)
            {
                var partition = _partitions[(_nextPartition + i) % _partitions.Length];
                fetched += await FetchPartitionAsync(connection, partition, batch, maxMessages - batch.Count, cancellationToken).ConfigureAwait(false);
            }

            _nextPartition = _partitions.Length == 0 ? 0 : (_nextPartition + 1) % _partitions.Length;
            return fetched;
        }
    }

    private async Task<int> FetchPartitionAsync(SqliteConnection connection, int partition, List<ConsumedMessage> batch, int room, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, msg_key, value, headers FROM bus_messages
            WHERE topic = $topic AND partition = $partition AND id > $position
            ORDER BY id LIMIT $room
            """;
        command.Parameters.AddWithValue("$topic", _topic);
        command.Parameters.AddWithValue("$partition", partition);
        command.Parameters.AddWithValue("$position", _positions[partition]);
        command.Parameters.AddWithValue("$room", room);
        var count = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var offset = reader.GetInt64(0);
                var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3)) ?? s_noHeaders;
                batch.Add(new ConsumedMessage(_topic, partition, offset, reader.GetString(1), (byte[])reader.GetValue(2), headers));
                _positions[partition] = offset;
                count++;
            }
        }

        return count;
    }

    // After a rebalance every owned partition restarts from the group's committed offset: what another member
    // fetched but did not commit is delivered again (at-least-once). Only checked between batches, so one batch
    // never holds a message twice.
    private async Task RefreshAssignmentAsync(CancellationToken cancellationToken)
    {
        var generation = _membership.Generation;
        if (generation == _generation)
        {
            return;
        }

        _partitions = _membership.PartitionsOf(this);
        _positions.Clear();
        var connection = await _bus.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var partition in _partitions)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT committed FROM bus_offsets WHERE group_name = $group AND topic = $topic AND partition = $partition";
                command.Parameters.AddWithValue("$group", _group);
                command.Parameters.AddWithValue("$topic", _topic);
                command.Parameters.AddWithValue("$partition", partition);
                _positions[partition] = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }

        _generation = generation;
    }
}
