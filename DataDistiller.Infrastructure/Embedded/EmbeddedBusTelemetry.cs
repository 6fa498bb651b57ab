using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The embedded bus's backlog as <c>messaging.consumer.lag</c>: per topic and group, the messages published but not yet
/// committed. The Kafka adapter reports the same gauge, so dashboards and alerts need not know the mode.
/// </summary>
internal static class EmbeddedBusTelemetry
{
    public const string MeterName = "DataDistiller.Embedded";

    public const string LagName = "messaging.consumer.lag";

    private const string BacklogQuery = """
        SELECT o.topic, o.group_name, COUNT(m.id)
        FROM bus_offsets o LEFT JOIN bus_messages m ON m.topic = o.topic AND m.partition = o.partition AND m.id > o.committed
        GROUP BY o.topic, o.group_name
        """;

    /// <summary>Registers the gauge on a meter the host owns, so a stopped host stops reporting.</summary>
    public static void Observe(IMeterFactory meterFactory, SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meterFactory.Create(MeterName).CreateObservableGauge(
            LagName, () => Backlog(database), "{message}", "Messages published to a topic and not yet committed by a consumer group.");
    }

    private static List<Measurement<long>> Backlog(SqliteDatabase database)
    {
        var measurements = new List<Measurement<long>>();
        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = BacklogQuery;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                measurements.Add(new Measurement<long>(
                    reader.GetInt64(2),
                    new("messaging.system", "sqlite"),
                    new("messaging.destination.name", reader.GetString(0)),
                    new("messaging.consumer.group.name", reader.GetString(1))));
            }
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // A scrape while the host shuts down finds the database closed: report nothing rather than fail the scrape.
            measurements.Clear();
        }

        return measurements;
    }
}
