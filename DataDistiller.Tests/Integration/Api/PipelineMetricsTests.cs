using DataDistiller.Core.Ingestion;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// The metric set of issue 8 on <c>/metrics</c> of a host that ingested two documents, failed a third and answered a
/// question (see <see cref="ObservedHostFixture"/>): each instrument is there, with the values that work implies.
/// </summary>
[Collection(ObservedHostCollection.Name)]
public sealed class PipelineMetricsTests(ObservedHostFixture host)
{
    private const string Stage = "datadistiller_stage";
    private const string ErrorType = "error_type";
    private const string Topic = "messaging_destination_name";
    private const string Group = "messaging_consumer_group_name";

    [Fact]
    public async Task Metrics_AfterIngestion_CountDocumentsChunksAndFailuresAsUploaded()
    {
        // Act
        var metrics = await host.ScrapeAsync(m => m.Series("datadistiller_deadletters_size").Any(s => s.Value == 1), "the dead-letter count");

        // Assert
        Assert.Equal(3, metrics.Sum("datadistiller_documents_accepted_total"));
        Assert.Equal(2, metrics.Sum("datadistiller_documents_indexed_total"));
        Assert.Equal(1, metrics.Sum("datadistiller_documents_failed_total", (ErrorType, "ExtractionException")));
        Assert.Equal(host.ChunksTotal, metrics.Sum("datadistiller_chunks_processed_total"));
        Assert.Equal(1, metrics.Sum("datadistiller_ingestion_errors_total", (Stage, "Splitting"), (ErrorType, "ExtractionException")));
        Assert.Equal(1, metrics.Sum("datadistiller_deadletters_recorded_total", (Topic, "doc-requests"), (ErrorType, "ExtractionException")));
    }

    [Fact]
    public async Task Metrics_AfterIngestion_RecordEveryStageInSecondsWithFittedBuckets()
    {
        // Act
        var metrics = await host.ScrapeAsync(m => m.Names.Contains("datadistiller_document_duration_seconds_count"), "the stage histograms");

        // Assert: an upload acknowledgement per document; the other stages only for work that succeeded (the blank PDF
        // fails its extraction, and its failure is counted by the error counters instead).
        Assert.Equal(3, metrics.Sum("datadistiller_upload_duration_seconds_count"));
        Assert.Equal(2, metrics.Sum("datadistiller_extraction_duration_seconds_count"));
        Assert.Equal(2, metrics.Sum("datadistiller_split_duration_seconds_count"));
        Assert.Equal(2, metrics.Sum("datadistiller_document_duration_seconds_count"));
        Assert.InRange(metrics.Sum("datadistiller_embedding_batch_duration_seconds_count"), 1, host.ChunksTotal);
        Assert.Equal(
            metrics.Sum("datadistiller_embedding_batch_duration_seconds_count"),
            metrics.Sum("datadistiller_index_upsert_duration_seconds_count"));
        Assert.All(
            ["upload", "extraction", "embedding_batch", "index_upsert", "document"],
            stage => Assert.True(metrics.Sum($"datadistiller_{stage}_duration_seconds_sum") > 0, stage));
        // An end-to-end document takes longer than its own upload acknowledgement.
        Assert.True(metrics.Sum("datadistiller_document_duration_seconds_sum") / 2 > metrics.Sum("datadistiller_upload_duration_seconds_sum") / 3);
        // Millisecond buckets for the fast stages, up to an hour end to end (the SDK default would start at 0 and 5 s).
        Assert.Single(metrics.Series("datadistiller_upload_duration_seconds_bucket", ("le", "0.001")));
        Assert.Single(metrics.Series("datadistiller_document_duration_seconds_bucket", ("le", "3600")));
    }

    [Fact]
    public async Task Metrics_AfterIngestion_ReportIdleWorkersAndEmptyQueues()
    {
        // Act: lag falls to zero once the last batches are committed.
        var metrics = await host.ScrapeAsync(
            m => m.Series("messaging_consumer_lag").Count > 0 && m.Series("messaging_consumer_lag").All(s => s.Value == 0), "every queue to drain");

        // Assert
        foreach (var (topic, group, members) in new[] { ("doc-requests", "splitter", 1), ("chunk-processing", "embedders", new IngestionOptions().EmbedderConcurrency) })
        {
            Assert.Equal(members, metrics.Sum("datadistiller_worker_members", (Topic, topic), (Group, group)));
            Assert.True(metrics.Sum("datadistiller_worker_busy_time_seconds_total", (Topic, topic), (Group, group)) > 0, topic);
            Assert.Single(metrics.Series("messaging_consumer_lag", (Topic, topic), (Group, group), ("messaging_system", "sqlite")));
        }

        Assert.Single(metrics.Series("messaging_consumer_lag", (Topic, "doc-requests.dlq"), (Group, "dlq")));
        Assert.Equal(1, metrics.Sum("datadistiller_deadletters_size"));
    }

    [Fact]
    public async Task Metrics_AfterAQuestion_RecordLegsRerankQueryAndModel()
    {
        // Act
        var metrics = await host.ScrapeAsync(m => m.Names.Contains("gen_ai_client_token_usage_sum"), "the model's token usage");

        // Assert
        const string strategy = "hybrid-rerank@1";
        foreach (var leg in new[] { "dense", "bm25", "fusion", "total" })
        {
            Assert.Equal(1, metrics.Sum("datadistiller_search_duration_seconds_count", ("datadistiller_strategy", strategy), ("datadistiller_leg", leg)));
        }

        Assert.Equal(1, metrics.Sum("datadistiller_rerank_duration_seconds_count"));
        Assert.Equal(1, metrics.Sum("datadistiller_query_duration_seconds_count", ("datadistiller_strategy", strategy)));
        Assert.Equal(1, metrics.Sum("gen_ai_client_operation_duration_seconds_count", ("gen_ai_provider_name", "fake")));
        Assert.Equal(ObservedHostFixture.Usage.InputTokenCount, (long)metrics.Sum("gen_ai_client_token_usage_sum", ("gen_ai_token_type", "input")));
        Assert.Equal(ObservedHostFixture.Usage.OutputTokenCount, (long)metrics.Sum("gen_ai_client_token_usage_sum", ("gen_ai_token_type", "output")));
    }

    [Fact]
    public async Task Metrics_WhenEveryDependencyAnswers_ReportTheirCircuitsClosed()
    {
        // Act
        var metrics = await host.ScrapeAsync(m => m.Names.Contains("datadistiller_circuit_breaker_state"), "the circuit gauges");

        // Assert
        foreach (var dependency in new[] { "job store", "blob store", "chunk index", "embedder" })
        {
            Assert.Contains(metrics.Series("datadistiller_circuit_breaker_state", ("datadistiller_dependency", dependency)), s => s.Value == 0);
        }
    }
}
