using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Search.Analysis;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The body of <c>PUT /{index}</c>: analysis settings and an explicit, strict mapping of <see cref="ProductSource"/>.
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
/// <para>
/// Everything used here exists in Elasticsearch 8/9 and OpenSearch 2 (custom analyzers, <c>synonym_graph</c>,
/// <c>edge_ngram</c>, <c>truncate</c>, normalizers, <c>_meta</c>, <c>dynamic: strict</c>).
/// </para>
/// </summary>
internal static class ElasticsearchIndexDefinition
{
    /// <summary>Bumped whenever the mapping or analysis below changes; stored in the mapping's <c>_meta</c>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Longest prefix (per word) the suggestion field indexes; longer typed words are truncated to it.</summary>
    public const int MaxSuggestGram = 20;

    public static JsonObject Build(SynonymList synonyms, int shards, int replicas, string? alias, bool forBulkLoad)
    {
        var body = new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["index"] = new JsonObject
                {
                    ["number_of_shards"] = shards,
                    // While a rebuild bulk-loads the new index, no replicas and no refresh: both are set at the swap.
                    ["number_of_replicas"] = forBulkLoad ? 0 : replicas,
                    // Explicit, so a shard that sees no searches is still refreshed every second (otherwise Elasticsearch
                    // skips refreshes on "search idle" shards) — a change is searchable within 2 s.
                    ["refresh_interval"] = forBulkLoad ? "-1" : "1s",
                },
                ["analysis"] = Analysis(synonyms),
            },
            ["mappings"] = Mappings(synonyms),
        };
        if (alias is not null)
        {
            body["aliases"] = new JsonObject { [alias] = new JsonObject() };
        }

        return body;
    }

    /// <summary>Identifies the synonym list an index was built with, so a stale index can be reported.</summary>
    public static string SynonymsHash(SynonymList synonyms)
    {
        var text = string.Join('\n', SynonymRules(synonyms));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Solr-format rules, one group per line, e.g. <c>pempek, empek empek, mpek mpek</c>.</summary>
    public static IEnumerable<string> SynonymRules(SynonymList synonyms) =>
        synonyms.Groups.Select(group => string.Join(", ", group));

    private static JsonObject Analysis(SynonymList synonyms) => new()
    {
        ["filter"] = new JsonObject
        {
            ["indonesian_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_indonesian_" },
            ["indonesian_stemmer"] = new JsonObject { ["type"] = "stemmer", ["language"] = "indonesian" },
            ["english_possessive_stemmer"] = new JsonObject { ["type"] = "stemmer", ["language"] = "possessive_english" },
            ["english_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_english_" },
            ["english_stemmer"] = new JsonObject { ["type"] = "stemmer", ["language"] = "english" },
            ["marketplace_synonyms"] = new JsonObject
            {
                ["type"] = "synonym_graph",
                ["synonyms"] = new JsonArray([.. SynonymRules(synonyms).Select(r => (JsonNode)JsonValue.Create(r))]),
                // A rule that analyses to nothing must not stop the index from being created.
                ["lenient"] = true,
            },
            ["suggest_edge_ngram"] = new JsonObject { ["type"] = "edge_ngram", ["min_gram"] = 1, ["max_gram"] = MaxSuggestGram },
            ["suggest_truncate"] = new JsonObject { ["type"] = "truncate", ["length"] = MaxSuggestGram },
        },
        ["normalizer"] = new JsonObject
        {
            ["folded"] = new JsonObject { ["type"] = "custom", ["filter"] = new JsonArray("lowercase", "asciifolding") },
        },
        ["analyzer"] = new JsonObject
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

    private static JsonObject Custom(params string[] filters) => new()
    {
        ["type"] = "custom",
        ["tokenizer"] = "standard",
        ["filter"] = new JsonArray([.. filters.Select(f => (JsonNode)JsonValue.Create(f))]),
    };

    private static JsonObject Mappings(SynonymList synonyms) => new()
    {
        // A field the adapter does not know is a bug: refuse the document instead of guessing a mapping.
        ["dynamic"] = "strict",
        ["_meta"] = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["synonymsHash"] = SynonymsHash(synonyms),
        },
        ["properties"] = new JsonObject
        {
            ["productId"] = Keyword(),
            ["shopId"] = Keyword(),
            ["shopSlug"] = Folded(),
            ["shopName"] = IndonesianText(),
            ["shopVerified"] = Type("boolean"),
            ["name"] = IndonesianText(withPlainAndSuggest: true),
            // The name as SynonymList.Normalize writes it (lower case, folded, punctuation as single spaces): the exact-name
            // boost compares it with the normalised text, and suggestions are de-duplicated on it.
            ["nameKey"] = Keyword(),
            ["nameEn"] = EnglishText(),
            ["description"] = IndonesianText(),
            ["descriptionEn"] = EnglishText(),
            ["story"] = IndonesianText(),
            ["category"] = IndonesianText(withKeyword: true),
            ["materials"] = IndonesianText(withKeyword: true),
            ["subsectorCode"] = Keyword(),
            ["subsectorName"] = IndonesianText(withKeyword: true),
            ["cityCode"] = Keyword(),
            ["cityName"] = KeywordWithText(),
            ["provinceCode"] = Keyword(),
            ["provinceName"] = KeywordWithText(),
            ["priceAmount"] = Type("long"),
            ["currency"] = Keyword(),
            ["stock"] = Type("integer"),
            ["halal"] = Type("boolean"),
            ["handmade"] = Type("boolean"),
            ["imageUrl"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["createdAt"] = Type("date"),
            ["listedAt"] = Type("date"),
            ["version"] = Type("long"),
            ["exhibitionIds"] = Keyword(),
            ["exhibitionSlugs"] = Folded(),
        },
    };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject Folded() => new() { ["type"] = "keyword", ["normalizer"] = "folded" };

    /// <summary>A place name: exact for facet labels, and searchable text ("keripik palembang" finds Palembang's shops).</summary>
    private static JsonObject KeywordWithText() => new()
    {
        ["type"] = "keyword",
        ["fields"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "text", ["analyzer"] = "id_text", ["search_analyzer"] = "id_search" } },
    };

    private static JsonObject IndonesianText(bool withPlainAndSuggest = false, bool withKeyword = false)
    {
        var field = new JsonObject { ["type"] = "text", ["analyzer"] = "id_text", ["search_analyzer"] = "id_search" };
        if (withPlainAndSuggest)
        {
            field["fields"] = new JsonObject
            {
                // Words as they are (lower-cased, folded; no stop words, no stemming): "oleh-oleh" — whose parts are
                // Indonesian stop words — still matches, and fuzzy matching works on real words rather than stems.
                ["plain"] = new JsonObject { ["type"] = "text", ["analyzer"] = "plain_text", ["search_analyzer"] = "plain_search" },
                // As-you-type: every word's prefixes (edge n-grams) at index time, the typed words as they are at search time.
                ["suggest"] = new JsonObject { ["type"] = "text", ["analyzer"] = "suggest_index", ["search_analyzer"] = "suggest_search" },
            };
        }
        else if (withKeyword)
        {
            field["fields"] = new JsonObject { ["raw"] = new JsonObject { ["type"] = "keyword", ["ignore_above"] = 256 } };
        }

        return field;
    }

    private static JsonObject EnglishText() => new() { ["type"] = "text", ["analyzer"] = "en_text", ["search_analyzer"] = "en_search" };
}
