using System.Globalization;
using System.Net;
using System.Text;
using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>A parsed <c>/metrics</c> answer (Prometheus text format 0.0.4): its samples, queried by series name and labels.</summary>
public sealed class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Every series name exported, histogram series with their <c>_bucket</c>/<c>_sum</c>/<c>_count</c> suffixes.</summary>
    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(ParseLine)
            .ToList();
        return new PrometheusScrape(text, samples);
    }

    /// <summary>The samples of series <paramref name="name"/> whose labels match.</summary>
    public IReadOnlyList<PrometheusSample> Series(string name, params (string Label, string Value)[] labels) =>
        [.. Samples.Where(s => s.Name == name && s.Has(labels))];

    /// <summary>The sum over the matching samples of <paramref name="name"/>; fails when there is none.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels)
    {
        var series = Series(name, labels);
        Assert.True(series.Count > 0, $"/metrics has no series {name} with {string.Join(", ", labels)}");
        return series.Sum(s => s.Value);
    }

    // name{label="value",...} value [timestamp]; label values escape \, " and newline with a backslash.
    private static PrometheusSample ParseLine(string line)
    {
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = nameEnd;
        if (line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq].Trim(',', ' ');
                var value = new StringBuilder();
                for (i = eq + 2; line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }
                }

                labels[label] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
