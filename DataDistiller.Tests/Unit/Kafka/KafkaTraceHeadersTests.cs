using System.Diagnostics;
using Confluent.Kafka;
using DataDistiller.Infrastructure.Kafka;
using Xunit;

namespace DataDistiller.Tests.Unit.Kafka;

public sealed class KafkaTraceHeadersTests
{
    [Fact]
    public void InjectThenExtract_CarriesTheTraceContextThroughKafkaHeaders()
    {
        // Arrange
        using var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=value";
        var headers = new Headers { { "traceparent", "00-stale-stale-00"u8.ToArray() } };

        // Act
        KafkaTraceHeaders.Inject(activity, headers);
        var read = KafkaTraceHeaders.Read(headers);
        var context = KafkaTraceHeaders.Extract(read);

        // Assert
        Assert.Single(headers, h => h.Key == "traceparent");
        Assert.Equal(activity.TraceId, context.TraceId);
        Assert.Equal(activity.SpanId, context.SpanId);
        Assert.Equal("vendor=value", context.TraceState);
    }

    [Fact]
    public void Extract_WithoutTraceHeaders_GivesNoParent() =>
        Assert.Equal(default, KafkaTraceHeaders.Extract(new Dictionary<string, string>()));
}
