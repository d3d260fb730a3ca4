using System.ComponentModel.DataAnnotations;

namespace Marketplace.Search;

internal enum SearchEngineKind
{
    Lucene,
    Elasticsearch,
}

/// <summary>
/// <c>Search:*</c> configuration, validated at start-up.
/// <list type="table">
/// <item><term>Search:Engine</term><description><c>Lucene</c> (default; index under <c>{DataDirectory}/search/</c>) or <c>Elasticsearch</c>.</description></item>
/// <item><term>Search:QueryTimeout</term><description>how long a search may take before the API answers 503 (default 5 s).</description></item>
/// <item><term>Search:Elasticsearch:*</term><description>see <see cref="ElasticsearchOptions"/>.</description></item>
/// </list>
/// </summary>
internal sealed class SearchOptions
{
    public const string Section = "Search";

    public SearchEngineKind Engine { get; set; } = SearchEngineKind.Lucene;

    /// <summary>A search (or suggest) that takes longer is abandoned and answered with 503.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seconds in the <c>Retry-After</c> header of a 503.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    public ElasticsearchOptions Elasticsearch { get; set; } = new();

    public LuceneOptions Lucene { get; set; } = new();
}

/// <summary><c>Search:Elasticsearch:*</c> — Elasticsearch 9, through the official client.</summary>
internal sealed class ElasticsearchOptions
{
    /// <summary>e.g. <c>http://localhost:9200</c>; required when <c>Search:Engine=Elasticsearch</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>An API key (the base64 "encoded" form), sent as <c>Authorization: ApiKey …</c>. Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Basic authentication, used when no API key is set. Never logged.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Prefix of index and alias names (<c>{prefix}products</c>), so several deployments can share a cluster.</summary>
    public string IndexPrefix { get; set; } = "marketplace-";

    /// <summary>Timeout of one HTTP request to the cluster (searches, single writes, health).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one bulk request of a reindex (bigger bodies).</summary>
    public TimeSpan BulkTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// SHA-256 fingerprint (hex, colons optional) of the cluster's HTTP CA or server certificate, for HTTPS clusters whose
    /// certificate the machine does not trust (Elasticsearch generates its own CA on first start and prints this).
    /// </summary>
    public string CertificateFingerprint { get; set; } = "";

    /// <summary>Primary shards of a new index (one is right up to a few million products).</summary>
    public int Shards { get; set; } = 1;

    /// <summary>Replicas of a live index: 0 on a single node (a replica could never be assigned); 1+ on a cluster.</summary>
    public int Replicas { get; set; }
}

/// <summary><c>Search:Lucene:*</c> — the embedded engine.</summary>
internal sealed class LuceneOptions
{
    /// <summary>Where the index lives; empty = <c>{DataDirectory}/search</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>How often the near-real-time reader is reopened (writes become searchable within this, well under 2 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often uncommitted writes are committed (fsync). A crash before that triggers a rebuild on next start.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many searches (and suggestions) run at once; the others wait their turn in arrival order. 0 = one per core.
    /// A query is pure CPU work on an index the page cache holds: more at once than cores only time-slices them, and a
    /// query that loses its core mid-way waits for every other one (Elasticsearch bounds its search pool the same way).
    /// </summary>
    [Range(0, 1024)]
    public int MaxConcurrentQueries { get; set; }
}
