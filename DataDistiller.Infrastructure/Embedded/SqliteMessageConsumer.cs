using System.Text.Json;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// One member of a consumer group on the SQLite bus. It reads its partitions from its own position (starting
/// at the group's committed offset) and commits offsets per partition, never backwards.
/// </summary>
/// <remarks>
/// Committed rows are deleted at most once per <see cref="RetentionInterval"/> per member, inside a commit, rather than
/// in every commit: a row is never read again once its group's position is past it, so deleting it later only keeps it
/// on disk a little longer, and each delete rewrites the oldest pages of the table.
/// </remarks>
internal sealed class SqliteMessageConsumer : IMessageConsumer
{
    internal static readonly TimeSpan RetentionInterval = TimeSpan.FromSeconds(1);
    private static readonly Dictionary<string, string> s_noHeaders = [];

    private readonly SqliteMessageBus _bus;
    private readonly string _topic;
    private readonly string _group;
    private readonly ConsumerGroupMembership _membership;
    private readonly TopicSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<int, long> _positions = [];
    private readonly HashSet<int> _unretained = [];
    // Held for the member's life, as a Kafka consumer holds its socket: the fetch and commit statements stay prepared.
    private SqliteSession? _session;
    private DateTimeOffset _retainedAt = DateTimeOffset.MinValue;
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

        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = session.BeginTransaction();
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var (partition, offset) in messages.GroupBy(m => m.Partition).Select(g => (g.Key, g.Max(m => m.Offset))))
            {
                var commit = session.Command("""
                    INSERT INTO bus_offsets(group_name, topic, partition, committed) VALUES ($group, $topic, $partition, $offset)
                    ON CONFLICT(group_name, topic, partition) DO UPDATE SET committed = max(committed, excluded.committed)
                    """);
                commit.Parameters.AddWithValue("$group", _group);
                commit.Parameters.AddWithValue("$topic", _topic);
                commit.Parameters.AddWithValue("$partition", partition);
                commit.Parameters.AddWithValue("$offset", offset);
                await commit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _unretained.Add(partition);
            }

            var now = _timeProvider.GetUtcNow();
            var retaining = now - _retainedAt >= RetentionInterval;
            if (retaining)
            {
                foreach (var partition in _unretained)
                {
                    var retain = session.Command("""
                        DELETE FROM bus_messages WHERE topic = $topic AND partition = $partition
                          AND id <= (SELECT min(committed) FROM bus_offsets WHERE topic = $topic AND partition = $partition)
                        """);
                    retain.Parameters.AddWithValue("$topic", _topic);
                    retain.Parameters.AddWithValue("$partition", partition);
                    await retain.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (retaining)
            {
                _unretained.Clear();
                _retainedAt = now;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _membership.Leave(this);
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
            _session = null;
        }
    }

    private async ValueTask<SqliteSession> SessionAsync(CancellationToken cancellationToken) =>
        _session ??= await _bus.Database.LeaseAsync(cancellationToken).ConfigureAwait(false);

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
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var fetched = 0;
        for (var i = 0; i < _partitions.Length && batch.Count < maxMessages; i++)
        {
            var partition = _partitions[(_nextPartition + i) % _partitions.Length];
            fetched += await FetchPartitionAsync(session, partition, batch, maxMessages - batch.Count, cancellationToken).ConfigureAwait(false);
        }

        _nextPartition = _partitions.Length == 0 ? 0 : (_nextPartition + 1) % _partitions.Length;
        return fetched;
    }

    private async Task<int> FetchPartitionAsync(SqliteSession session, int partition, List<ConsumedMessage> batch, int room, CancellationToken cancellationToken)
    {
        var fetch = session.Command("""
            SELECT id, msg_key, value, headers FROM bus_messages
            WHERE topic = $topic AND partition = $partition AND id > $position
            ORDER BY id LIMIT $room
            """);
        fetch.Parameters.AddWithValue("$topic", _topic);
        fetch.Parameters.AddWithValue("$partition", partition);
        fetch.Parameters.AddWithValue("$position", _positions[partition]);
        fetch.Parameters.AddWithValue("$room", room);
        var count = 0;
        var reader = await fetch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in _partitions)
        {
            var committed = session.Command("SELECT committed FROM bus_offsets WHERE group_name = $group AND topic = $topic AND partition = $partition");
            committed.Parameters.AddWithValue("$group", _group);
            committed.Parameters.AddWithValue("$topic", _topic);
            committed.Parameters.AddWithValue("$partition", partition);
            _positions[partition] = (long)(await committed.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        _generation = generation;
    }
}
