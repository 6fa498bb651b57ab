using System.Diagnostics.Metrics;
using DataDistiller.Infrastructure.Embedded;
using Microsoft.Extensions.Options;

namespace DataDistiller.Tests.Support;

/// <summary>The embedded bus as tests use it: a short poll, so a test never waits a production second for a message.</summary>
public static class TestSqliteBus
{
    public static SqliteMessageBus Create(EmbeddedDatabase database, IMeterFactory meters, TimeSpan? pollInterval = null, TimeProvider? timeProvider = null) =>
        new(
            database,
            Options.Create(new EmbeddedBusOptions { PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20) }),
            timeProvider ?? TimeProvider.System,
            meters);
}
