using System.Text.Json.Serialization;

namespace DataDistiller.Core.Retrieval;

/// <summary>How the dense and BM25 lists are merged.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FusionMode>))]
public enum FusionMode
{
    /// <summary>Reciprocal rank fusion: Σ 1 / (k + rank); ignores the legs' score scales.</summary>
    [JsonStringEnumMemberName("rrf")] Rrf,

    /// <summary>Each leg's scores min-max normalised to [0, 1], then a weighted sum.</summary>
    [JsonStringEnumMemberName("normalized")] ScoreNormalized,
}
