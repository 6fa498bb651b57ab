using System.Text.Json;
using System.Text.RegularExpressions;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// The Grafana dashboards and Prometheus alert rules under deploy/ only query series the services export, and every
/// alert leads to its runbook section: a renamed instrument or a typo in a query fails here, not on an operator's screen.
/// </summary>
[Collection(ObservedHostCollection.Name)]
public sealed partial class ObservabilityConfigTests(ObservedHostFixture host)
{
    // `up` is written by Prometheus itself for every scrape target, not exported by a service.
    private static readonly HashSet<string> s_prometheusOwn = new(StringComparer.Ordinal) { "up" };

    [Fact]
    public async Task DashboardsAndAlertRules_EveryMetricTheyQuery_IsExportedByTheServices()
    {
        // Arrange: every instrument has recorded once the DLQ count and the model's tokens show.
        var exported = (await host.ScrapeAsync(
            m => m.Names.Contains("gen_ai_client_token_usage_sum") && m.Series("datadistiller_deadletters_size").Any(s => s.Value == 1),
            "every instrument")).Names;
        var queries = DashboardQueries().Concat(RuleQueries()).ToList();

        // Act
        var used = queries.SelectMany(q => PromQl.MetricNames(q.Expression).Select(name => (name, q.Source))).ToList();

        // Assert
        Assert.True(used.Select(u => u.name).Distinct().Count() >= 20, $"only {used.Count} metric uses found: is the parsing broken?");
        var unknown = used.Where(u => !exported.Contains(u.name) && !s_prometheusOwn.Contains(u.name)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "Not exported: " + string.Join("; ", unknown.Select(u => $"{u.name} in {u.Source}")));
    }

    [Fact]
    public void AlertRules_EachAlert_WaitsBeforeFiringAndLinksToItsRunbookSection()
    {
        // Arrange
        var runbook = File.ReadAllText(RepositoryRoot.Combine("docs", "runbook.md"));
        var anchors = Heading().Matches(runbook).Select(m => m.Groups[1].Value.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var rules = File.ReadAllText(RulesFile);

        // Act
        var alerts = AlertBlock().Matches(rules).Select(m => (Name: m.Groups[1].Value, Body: m.Groups[2].Value)).ToList();

        // Assert
        Assert.Equal(
            ["IngestionErrorRateHigh", "ConsumerLagGrowing", "DeadLetterQueueNotEmpty", "DocumentsStuck", "QueryLatencyP95OverBudget",
             "ApiErrorRateHigh", "DependencyCircuitOpen", "ServiceDown"],
            alerts.Select(a => a.Name));
        Assert.All(alerts, alert =>
        {
            Assert.Matches(@"\n\s+for: \d+m", alert.Body);
            var link = RunbookUrl().Match(alert.Body);
            Assert.True(link.Success, $"{alert.Name} has no runbook_url");
            Assert.Equal(alert.Name.ToLowerInvariant(), link.Groups[1].Value);
            Assert.Contains(link.Groups[1].Value, anchors);
        });
    }

    private static string RulesFile => RepositoryRoot.Combine("deploy", "prometheus", "rules", "datadistiller.yml");

    private static IEnumerable<(string Source, string Expression)> DashboardQueries()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("deploy", "grafana", "dashboards"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var expression in Expressions(json.RootElement))
            {
                yield return (Path.GetFileName(file), expression);
            }
        }
    }

    private static IEnumerable<string> Expressions(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
                p.Name == "expr" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Expressions(p.Value)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(Expressions),
            _ => [],
        };

    // `expr: <one line>` or `expr: |` followed by lines indented deeper than the key.
    private static IEnumerable<(string Source, string Expression)> RuleQueries()
    {
        var lines = File.ReadAllLines(RulesFile);
        for (var i = 0; i < lines.Length; i++)
        {
            if (ExprLine().Match(lines[i]) is not { Success: true } match)
            {
                continue;
            }

            var value = match.Groups[2].Value.Trim();
            if (value != "|")
            {
                yield return ("alert rules", value);
                continue;
            }

            var indent = match.Groups[1].Value.Length;
            var block = lines.Skip(i + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length > indent);
            yield return ("alert rules", string.Join('\n', block));
        }
    }

    [GeneratedRegex(@"^(\s*)expr:\s*(.*)$")]
    private static partial Regex ExprLine();

    [GeneratedRegex(@"- alert: (\w+)\n(.*?)(?=\n\s*- alert:|\n\s*- name:|\z)", RegexOptions.Singleline)]
    private static partial Regex AlertBlock();

    [GeneratedRegex(@"runbook_url: ""docs/runbook\.md#([a-z0-9-]+)""")]
    private static partial Regex RunbookUrl();

    [GeneratedRegex(@"^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
