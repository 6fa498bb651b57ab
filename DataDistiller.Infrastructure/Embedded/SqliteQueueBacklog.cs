using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>The embedded bus's backlog: the oldest message row past the group's committed offset in any partition.</summary>
public sealed class SqliteQueueBacklog(EmbeddedDatabase database) : IQueueBacklog
{
    public async Task<DateTimeOffset?> OldestUnconsumedAsync(string topic, string group, CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT min(m.published_at)
                FROM bus_offsets o JOIN bus_messages m ON m.topic = o.topic AND m.partition = o.partition AND m.id > o.committed
                WHERE o.group_name = $group AND o.topic = $topic
                """;
            command.Parameters.AddWithValue("$group", group);
            command.Parameters.AddWithValue("$topic", topic);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long published
                ? DateTimeOffset.FromUnixTimeMilliseconds(published)
                : null;
        }
    }
}
