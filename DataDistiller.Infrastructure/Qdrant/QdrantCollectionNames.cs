using System.Text;
using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Lexical;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>
/// Qdrant names of a DataDistiller collection: one Qdrant collection per collection and model
/// (<c>dd_{collection}_{model}</c>) behind an alias per collection (<c>dd_{collection}</c>) that every read and write uses.
/// A new model means a new Qdrant collection, never vectors of two models in one.
/// </summary>
public static class QdrantCollectionNames
{
    public const string Prefix = "dd_";

    /// <summary>The alias of <paramref name="collection"/>.</summary>
    public static string Alias(string collection) => Prefix + Slug(collection);

    /// <summary>The Qdrant collection holding <paramref name="collection"/>'s vectors of <paramref name="model"/>.</summary>
    public static string Physical(string collection, EmbeddingModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"{Alias(collection)}_{Slug(model.ModelId)}-{model.Dimensions}";
    }

    // Lower-case letters, digits and '-'; a name that had to change gets a hash, so two names never share a slug.
    private static string Slug(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var slug = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            slug.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' ? c : '-');
        }

        var text = slug.ToString();
        return text == name ? text : $"{text}-{Bm25SparseEncoder.TermId(name):x8}";
    }
}
