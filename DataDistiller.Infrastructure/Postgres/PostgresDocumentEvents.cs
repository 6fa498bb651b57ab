using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>
/// Document changes over PostgreSQL LISTEN/NOTIFY: the Workers publish in their processes, the Api listens in its own.
/// PostgreSQL is already the job store of the distributed mode, so live progress needs no other server. NOTIFY is
/// fire-and-forget (a listener that is down misses events), which fits: the job store stays the truth.
/// </summary>
public sealed partial class PostgresDocumentEvents(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostgresDocumentEvents> logger)
    : IDocumentEventPublisher, IDocumentEventSource
{
    public const string Channel = "document_changed";

    // PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
    public const int MaxPayloadBytes = 7900;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_idleCheck = TimeSpan.FromSeconds(30);

    public async Task PublishAsync(DocumentChanged change, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = Serialize(change) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<DocumentChanged> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var received = System.Threading.Channels.Channel.CreateUnbounded<DocumentChanged>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var listening = ListenAsync(received.Writer, stop.Token);
        try
        {
            await foreach (var change in received.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await listening.ConfigureAwait(false);
        }
    }

    /// <summary>The payload, shortened (error first, then file name) until PostgreSQL accepts it.</summary>
    public static string Serialize(DocumentChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var payload = JsonSerializer.Serialize(change, s_json);
        while (Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            change = change.Error is { Length: > 16 } error
                ? change with { Error = error[..(error.Length / 2)] + "…" }
                : change with { FileName = change.FileName[..(change.FileName.Length / 2)] + "…" };
            payload = JsonSerializer.Serialize(change, s_json);
        }

        return payload;
    }

    public static DocumentChanged? Deserialize(string payload) => JsonSerializer.Deserialize<DocumentChanged>(payload, s_json);

    private async Task ListenAsync(ChannelWriter<DocumentChanged> writer, CancellationToken cancellationToken)
    {
        // Whatever ends this loop, even an exception none of the catches expected, completes the channel, so its reader
        // stops waiting and can start listening again instead of hanging.
        try
        {
            await ListenUntilStoppedAsync(writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ListenUntilStoppedAsync(ChannelWriter<DocumentChanged> writer, CancellationToken cancellationToken)
    {
        var delay = s_firstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, e) => OnNotification(writer, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                LogListening(logger, Channel);
                delay = s_firstRetryDelay;
                while (true)
                {
                    // A connection that died without a reset (NAT timeout, failover) never wakes WaitAsync: a round trip when
                    // nothing came for a while finds it, and the loop reconnects.
                    if (!await connection.WaitAsync(s_idleCheck, cancellationToken).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                LogConnectionLost(logger, ex, delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
        }
    }

    private void OnNotification(ChannelWriter<DocumentChanged> writer, string payload)
    {
        try
        {
            if (Deserialize(payload) is { } change)
            {
                writer.TryWrite(change);
            }
        }
        catch (JsonException ex)
        {
            LogBadPayload(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Information, "Listening for document changes on PostgreSQL channel {Channel}")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(LogLevel.Warning, "Lost the PostgreSQL connection listening for document changes; reconnecting in {DelayMs} ms")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(LogLevel.Warning, "Ignored a document change notification that is not valid JSON")]
    private static partial void LogBadPayload(ILogger logger, Exception exception);
}
