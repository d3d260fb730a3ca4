namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>
/// The sample request and response bodies under <c>Elasticsearch/Samples</c>, written from Elastic's REST API
/// reference (create index, bulk, search, aliases, cluster health, error bodies); copied next to the test assembly.
/// </summary>
internal static class Samples
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Elasticsearch", "Samples");

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
