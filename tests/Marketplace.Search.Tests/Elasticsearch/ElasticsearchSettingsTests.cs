using Marketplace.Search.Engines.Elasticsearch;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>Start-up validation of <c>Search:Elasticsearch:*</c>, and the index settings that follow from it.</summary>
public sealed class ElasticsearchSettingsTests
{
    private static ElasticsearchOptions Valid() => new() { Url = "http://localhost:9200" };

    [Fact]
    public void A_plain_url_is_enough()
    {
        Assert.Null(ElasticsearchSettings.Problem(Valid()));
    }

    [Theory]
    [InlineData("Url", "", "Search:Elasticsearch:Url")]
    [InlineData("Url", "localhost:9200", "Search:Elasticsearch:Url")]
    [InlineData("Url", "ftp://es.internal", "Search:Elasticsearch:Url")]
    [InlineData("Username", "elastic", "Username and Search:Elasticsearch:Password")]
    [InlineData("IndexPrefix", "Marketplace-", "IndexPrefix")]
    [InlineData("IndexPrefix", "_hidden-", "IndexPrefix")]
    [InlineData("IndexPrefix", "a b", "IndexPrefix")]
    [InlineData("IndexPrefix", "prod:", "IndexPrefix")]
    [InlineData("Replicas", "-1", "Replicas")]
    [InlineData("Shards", "0", "Shards")]
    [InlineData("RequestTimeout", "00:00:00", "RequestTimeout")]
    [InlineData("CertificateFingerprint", "AB:CD", "CertificateFingerprint")]
    public void A_bad_value_is_refused_naming_the_key(string property, string value, string named)
    {
        var options = Valid();
        switch (property)
        {
            case "Url": options.Url = value; break;
            case "Username": options.Username = value; break;
            case "IndexPrefix": options.IndexPrefix = value; break;
            case "Replicas": options.Replicas = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Shards": options.Shards = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "CertificateFingerprint": options.CertificateFingerprint = value; break;
            case "RequestTimeout": options.RequestTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        Assert.Contains(named, ElasticsearchSettings.Problem(options), StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_key_and_basic_credentials_together_are_refused()
    {
        var options = Valid();
        (options.ApiKey, options.Username, options.Password) = ("a2V5", "elastic", "rahasia");
        Assert.Contains("not both", ElasticsearchSettings.Problem(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Lucene_configurations_are_not_checked()
    {
        var result = new ElasticsearchSettings().Validate(null, new SearchOptions { Engine = SearchEngineKind.Lucene, Elasticsearch = new() { Url = "" } });
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Shards_and_replicas_reach_the_index_and_replicas_are_added_only_at_the_swap()
    {
        await using var node = await ElasticsearchDouble.StartAsync();
        await using var adapter = EngineUnderTest.Create(node.Url, o => (o.Shards, o.Replicas) = (3, 2));

        await adapter.Engine.EnsureIndexAsync(CancellationToken.None);
        var initial = node.RequestsTo("PUT", "/test-products-initial").Single().Json["settings"]!["index"]!;
        Assert.Equal((3, 2), (initial["number_of_shards"]!.GetValue<int>(), initial["number_of_replicas"]!.GetValue<int>()));

        await using var rebuild = await adapter.Engine.BeginRebuildAsync(CancellationToken.None);
        var loading = node.Requests.Last(r => r.Method == "PUT").Json["settings"]!["index"]!;
        Assert.Equal((3, 0), (loading["number_of_shards"]!.GetValue<int>(), loading["number_of_replicas"]!.GetValue<int>()));
        await rebuild.SwapAsync(CancellationToken.None);
        var live = node.Requests.Single(r => r.Path.EndsWith("/_settings", StringComparison.Ordinal)).Json;
        Assert.Equal(2, live["index"]!["number_of_replicas"]!.GetValue<int>());
    }
}
