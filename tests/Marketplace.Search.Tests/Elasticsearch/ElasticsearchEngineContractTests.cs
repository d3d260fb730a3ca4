using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Elasticsearch;
using Marketplace.Search.Tests.Contract;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>
/// The engine under test on a real Elasticsearch 8/9 (or OpenSearch 2) at <c>MARKETPLACE_TEST_ELASTICSEARCH_URL</c>,
/// e.g. <c>http://localhost:9200</c>; optional <c>MARKETPLACE_TEST_ELASTICSEARCH_APIKEY</c> or
/// <c>MARKETPLACE_TEST_ELASTICSEARCH_USERNAME</c>/<c>_PASSWORD</c>. Each fixture uses its own index prefix and deletes
/// its indices afterwards, so the suite can run against a shared cluster.
/// </summary>
public sealed class ElasticsearchEngineFixture : SearchEngineFixture
{
    public const string UrlVariable = "MARKETPLACE_TEST_ELASTICSEARCH_URL";

    private EngineUnderTest? _adapter;

    public string Prefix { get; } = $"mp-test-{Guid.NewGuid():N}"[..20] + "-";

    internal override Task<ISearchEngine> CreateEngineAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable)
            ?? throw new InvalidOperationException($"{UrlVariable} is not set.");
        _adapter = EngineUnderTest.Create(new Uri(url), o =>
        {
            o.IndexPrefix = Prefix;
            o.ApiKey = Environment.GetEnvironmentVariable("MARKETPLACE_TEST_ELASTICSEARCH_APIKEY") ?? "";
            o.Username = Environment.GetEnvironmentVariable("MARKETPLACE_TEST_ELASTICSEARCH_USERNAME") ?? "";
            o.Password = Environment.GetEnvironmentVariable("MARKETPLACE_TEST_ELASTICSEARCH_PASSWORD") ?? "";
            o.RequestTimeout = TimeSpan.FromSeconds(30);
        }, Analysis.SynonymList.Default);
        return Task.FromResult<ISearchEngine>(_adapter.Engine);
    }

    internal override async Task DisposeEngineAsync(ISearchEngine engine)
    {
        if (_adapter is null)
        {
            return;
        }

        try
        {
            await _adapter.DeleteIndicesAsync(Prefix + "products*");
        }
        finally
        {
            await _adapter.DisposeAsync();
        }
    }
}

[RequiresEnvironmentVariable(ElasticsearchEngineFixture.UrlVariable, "the Elasticsearch contract suite needs a real Elasticsearch 8/9 or OpenSearch 2 (e.g. http://localhost:9200)")]
public sealed class ElasticsearchEngineContractTests(ElasticsearchEngineFixture fixture) : SearchEngineContract<ElasticsearchEngineFixture>(fixture);
