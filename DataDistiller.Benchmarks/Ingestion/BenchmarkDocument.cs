namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>A document to upload: its file name and bytes.</summary>
internal sealed record BenchmarkDocument(string FileName, byte[] Bytes);
