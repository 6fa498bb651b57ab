using System.Diagnostics;
using System.Diagnostics.Metrics;
using DataDistiller.Core.Diagnostics;

namespace DataDistiller.Core.Retrieval;

/// <summary>Spans and instruments of search and answering (ServiceDefaults listens to <c>DataDistiller.*</c>).</summary>
public static class RetrievalTelemetry
{
    public const string MeterName = "DataDistiller.Retrieval";

    /// <summary>The strategy id (<c>name@version</c>): A/B arms are compared on it.</summary>
    public const string StrategyTag = "datadistiller.strategy";

    /// <summary>Which part of a search: <c>dense</c>, <c>bm25</c>, <c>fusion</c> or <c>total</c>.</summary>
    public const string LegTag = "datadistiller.leg";

    public const string RerankerTag = "datadistiller.reranker";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Spans of a search (each leg, fusion, re-ranking) and of writing the answer.</summary>
    public static ActivitySource ActivitySource { get; } = new(MeterName);

    public static Histogram<double> SearchDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.search.duration", "Time of a search, per strategy and leg (dense, bm25, fusion, total with re-ranking).", Latency.FastBuckets);

    public static Histogram<double> RerankDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.rerank.duration", "Time of one re-ranking call over the fused candidates.", Latency.WorkBuckets);

    public static Histogram<double> QueryDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.query.duration", "Time to answer a question (search and generation), per strategy.", Latency.WorkBuckets);

    /// <summary>The OpenTelemetry GenAI convention's client latency (<c>gen_ai.client.operation.duration</c>).</summary>
    public static Histogram<double> ModelDuration { get; } = s_meter.CreateSeconds(
        "gen_ai.client.operation.duration", "Time of one chat model call that writes an answer.", Latency.WorkBuckets);

    /// <summary>The OpenTelemetry GenAI convention's token histogram, tagged <c>gen_ai.token.type</c> input or output.</summary>
    public static Histogram<long> ModelTokens { get; } = s_meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Tokens a chat model call read or wrote, by token type.", tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = [16, 64, 256, 1024, 4096, 16384, 65536, 262144] });
}
