using DataDistiller.Core.Retrieval.Lexical;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class Bm25TokenizerTests
{
    // Words that exercise every Porter step, plus diacritics, digits and punctuation.
    public static readonly TheoryData<string> Texts = new(
        "Caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky",
        "relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti",
        "triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize",
        "probate rate cease controll roll generalizations oscillators",
        "Café São Paulo naïve Zoë résumé, 2024 GPUs x86-64 don't e-mail Ärger Straße",
        "Kafka commits offsets after durable work; photosynthesis makes sugar from light.");

    [Theory]
    [MemberData(nameof(Texts))]
    public void Tokenize_GivesTheTokensFts5PorterUnicode61Gives(string text)
    {
        // Arrange
        var expected = Fts5Tokens(text);

        // Act
        var tokens = Bm25Tokenizer.Tokenize(text);

        // Assert
        Assert.Equal(expected, tokens);
    }

    [Theory]
    [InlineData("connection", "connect")]
    [InlineData("generalizations", "gener")]
    [InlineData("hopping", "hop")]
    [InlineData("ponies", "poni")]
    [InlineData("relational", "relat")]
    [InlineData("is", "is")]
    public void Stem_FollowsPorter(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void QueryTerms_LeaveOutStopWordsUnlessNothingElseRemains()
    {
        Assert.Equal(["fox", "jump"], Bm25Tokenizer.QueryTerms("What is the fox jumping?"));
        Assert.Equal(["what", "is", "the"], Bm25Tokenizer.QueryTerms("what is the"));
        Assert.Empty(Bm25Tokenizer.QueryTerms("?!."));
    }

    [Fact]
    public void Words_RemoveDiacriticsAndLowerCase() =>
        Assert.Equal(["cafe", "sao", "paulo", "naive"], Bm25Tokenizer.Words("Café São PAULO naïve"));

    // The ground truth: what SQLite's tokenizer stores, read back in order through fts5vocab.
    private static List<string> Fts5Tokens(string text)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
            INSERT INTO t(x) VALUES ($text);
            SELECT term FROM v ORDER BY offset;
            """;
        command.Parameters.AddWithValue("$text", text);
        using var reader = command.ExecuteReader();
        var tokens = new List<string>();
        while (reader.Read())
        {
            tokens.Add(reader.GetString(0));
        }

        return tokens;
    }
}
