using System.Security.Cryptography;
using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Marketplace.Search.Analysis;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// <c>PUT /{index}</c> as a typed request: analysis settings and an explicit, strict mapping of <see cref="ProductSource"/>.
/// <para>
/// Analysis mirrors the Lucene engine: Indonesian fields use the parts of Elasticsearch's built-in <c>indonesian</c>
/// analyzer (standard tokenizer, lower case, <c>_indonesian_</c> stop words, the <c>indonesian</c> stemmer — Lucene's
/// IndonesianStemFilter, the same class Lucene.NET uses) with ASCII folding added; English fields the parts of
/// <c>english</c>. They are rebuilt as custom analyzers (as Elastic's language-analyzer page shows) so the synonym
/// filter can sit in the search analyzers only: synonyms are expanded at query time, as in the Lucene engine, which
/// is also what <c>synonym_graph</c> needs for multi-word entries ("empek empek"). It comes last in each chain: the
/// rules are then analysed by the same filters as the text (stop words, stemming), and no graph-unaware filter runs
/// after the synonym graph. A rule that a chain reduces to nothing (e.g. "oleh-oleh", whose parts are Indonesian
/// stop words) is skipped there (<c>lenient</c>) and still works on <c>name.plain</c>, whose chain keeps every word.
/// The synonym list is the module's <c>Analysis/synonyms.txt</c>, sent inline (normalised as the Lucene side
/// normalises it), so both engines share it.
/// </para>
/// </summary>
internal static class ElasticsearchIndexDefinition
{
    /// <summary>Bumped whenever the mapping or analysis below changes; stored in the mapping's <c>_meta</c>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Longest prefix (per word) the suggestion field indexes; longer typed words are truncated to it.</summary>
    public const int MaxSuggestGram = 20;

    public static CreateIndexRequest Build(string index, SynonymList synonyms, int shards, int replicas, string? alias, bool forBulkLoad) => new(index)
    {
        Settings = new IndexSettings
        {
            Index = new IndexSettings
            {
                NumberOfShards = shards,
                // While a rebuild bulk-loads the new index, no replicas and no refresh: both are set at the swap.
                NumberOfReplicas = forBulkLoad ? 0 : replicas,
                // Explicit, so a shard that sees no searches is still refreshed every second (otherwise Elasticsearch
                // skips refreshes on "search idle" shards) — a change is searchable within 2 s.
                RefreshInterval = forBulkLoad ? "-1" : "1s",
            },
            Analysis = Analysis(synonyms),
        },
        Mappings = Mappings(synonyms),
        Aliases = alias is null ? null : new Dictionary<Name, Alias> { [alias] = new Alias() },
    };

    /// <summary>Live settings of an index a rebuild loaded: refresh every second again, and the configured replicas.</summary>
    public static PutIndicesSettingsRequest LiveSettings(string index, int replicas) =>
        new(index, new IndexSettings { Index = new IndexSettings { RefreshInterval = "1s", NumberOfReplicas = replicas } });

    /// <summary>Identifies the synonym list an index was built with, so a stale index can be reported.</summary>
    public static string SynonymsHash(SynonymList synonyms)
    {
        var text = string.Join('\n', SynonymRules(synonyms));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Solr-format rules, one group per line, e.g. <c>pempek, empek empek, mpek mpek</c>.</summary>
    public static IEnumerable<string> SynonymRules(SynonymList synonyms) =>
        synonyms.Groups.Select(group => string.Join(", ", group));

    private static IndexSettingsAnalysis Analysis(SynonymList synonyms) => new()
    {
        TokenFilters = new TokenFilters
        {
            ["indonesian_stop"] = new StopTokenFilter { Stopwords = new(StopWordLanguage.Indonesian) },
            ["indonesian_stemmer"] = new StemmerTokenFilter { Language = "indonesian" },
            ["english_possessive_stemmer"] = new StemmerTokenFilter { Language = "possessive_english" },
            ["english_stop"] = new StopTokenFilter { Stopwords = new(StopWordLanguage.English) },
            ["english_stemmer"] = new StemmerTokenFilter { Language = "english" },
            // A rule that analyses to nothing must not stop the index from being created (lenient).
            ["marketplace_synonyms"] = new SynonymGraphTokenFilter { Synonyms = [.. SynonymRules(synonyms)], Lenient = true },
            ["suggest_edge_ngram"] = new EdgeNGramTokenFilter { MinGram = 1, MaxGram = MaxSuggestGram },
            ["suggest_truncate"] = new TruncateTokenFilter { Length = MaxSuggestGram },
        },
        Normalizers = new Normalizers
        {
            ["folded"] = new CustomNormalizer { Filter = ["lowercase", "asciifolding"] },
        },
        Analyzers = new Analyzers
        {
            ["id_text"] = Custom("lowercase", "asciifolding", "indonesian_stop", "indonesian_stemmer"),
            ["id_search"] = Custom("lowercase", "asciifolding", "indonesian_stop", "indonesian_stemmer", "marketplace_synonyms"),
            ["en_text"] = Custom("english_possessive_stemmer", "lowercase", "asciifolding", "english_stop", "english_stemmer"),
            ["en_search"] = Custom("english_possessive_stemmer", "lowercase", "asciifolding", "english_stop", "english_stemmer", "marketplace_synonyms"),
            ["plain_text"] = Custom("lowercase", "asciifolding"),
            ["plain_search"] = Custom("lowercase", "asciifolding", "marketplace_synonyms"),
            ["suggest_index"] = Custom("lowercase", "asciifolding", "suggest_edge_ngram"),
            ["suggest_search"] = Custom("lowercase", "asciifolding", "suggest_truncate"),
        },
    };

    private static CustomAnalyzer Custom(params string[] filters) => new() { Tokenizer = "standard", Filter = filters };

    private static TypeMapping Mappings(SynonymList synonyms) => new()
    {
        // A field the adapter does not know is a bug: refuse the document instead of guessing a mapping.
        Dynamic = DynamicMapping.Strict,
        Meta = new Dictionary<string, object>
        {
            ["schemaVersion"] = SchemaVersion,
            ["synonymsHash"] = SynonymsHash(synonyms),
        },
        Properties = new Properties
        {
            ["productId"] = new KeywordProperty(),
            ["shopId"] = new KeywordProperty(),
            ["shopSlug"] = Folded(),
            ["shopName"] = IndonesianText(),
            ["shopVerified"] = new BooleanProperty(),
            ["name"] = IndonesianText(withPlainAndSuggest: true),
            // The name as SynonymList.Normalize writes it (lower case, folded, punctuation as single spaces): the exact-name
            // boost compares it with the normalised text, and suggestions are de-duplicated on it.
            ["nameKey"] = new KeywordProperty(),
            ["nameEn"] = EnglishText(),
            ["description"] = IndonesianText(),
            ["descriptionEn"] = EnglishText(),
            ["story"] = IndonesianText(),
            ["category"] = IndonesianText(withKeyword: true),
            ["materials"] = IndonesianText(withKeyword: true),
            ["subsectorCode"] = new KeywordProperty(),
            ["subsectorName"] = IndonesianText(withKeyword: true),
            ["cityCode"] = new KeywordProperty(),
            ["cityName"] = KeywordWithText(),
            ["provinceCode"] = new KeywordProperty(),
            ["provinceName"] = KeywordWithText(),
            ["priceAmount"] = new LongNumberProperty(),
            ["currency"] = new KeywordProperty(),
            ["stock"] = new IntegerNumberProperty(),
            ["halal"] = new BooleanProperty(),
            ["handmade"] = new BooleanProperty(),
            ["imageUrl"] = new KeywordProperty { Index = false, DocValues = false },
            ["createdAt"] = new DateProperty(),
            ["listedAt"] = new DateProperty(),
            ["version"] = new LongNumberProperty(),
            ["exhibitionIds"] = new KeywordProperty(),
            ["exhibitionSlugs"] = Folded(),
        },
    };

    private static KeywordProperty Folded() => new() { Normalizer = "folded" };

    /// <summary>A place name: exact for facet labels, and searchable text ("keripik palembang" finds Palembang's shops).</summary>
    private static KeywordProperty KeywordWithText() => new()
    {
        Fields = new Properties { ["text"] = new TextProperty { Analyzer = "id_text", SearchAnalyzer = "id_search" } },
    };

    private static TextProperty IndonesianText(bool withPlainAndSuggest = false, bool withKeyword = false)
    {
        var field = new TextProperty { Analyzer = "id_text", SearchAnalyzer = "id_search" };
        if (withPlainAndSuggest)
        {
            field.Fields = new Properties
            {
                // Words as they are (lower-cased, folded; no stop words, no stemming): "oleh-oleh" — whose parts are
                // Indonesian stop words — still matches, and fuzzy matching works on real words rather than stems.
                ["plain"] = new TextProperty { Analyzer = "plain_text", SearchAnalyzer = "plain_search" },
                // As-you-type: every word's prefixes (edge n-grams) at index time, the typed words as they are at search time.
                ["suggest"] = new TextProperty { Analyzer = "suggest_index", SearchAnalyzer = "suggest_search" },
            };
        }
        else if (withKeyword)
        {
            field.Fields = new Properties { ["raw"] = new KeywordProperty { IgnoreAbove = 256 } };
        }

        return field;
    }

    private static TextProperty EnglishText() => new() { Analyzer = "en_text", SearchAnalyzer = "en_search" };
}
