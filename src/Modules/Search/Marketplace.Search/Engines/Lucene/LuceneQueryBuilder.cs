using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Marketplace.Search.Analysis;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>A term the query looks for in a field, for the highlighter: matched exactly, or within <c>MaxEdits</c>.</summary>
internal sealed record HighlightTerm(string Field, string Term, int MaxEdits);

/// <summary>Which filter a facet ignores when it is counted.</summary>
internal enum FacetKind
{
    None,
    Subsector,
    City,
    Halal,
    Price,
}

/// <summary>
/// Turns a <see cref="SearchQuery"/> into Lucene queries. User text is never parsed as Lucene syntax: it is
/// normalised to words (<see cref="SynonymList.Normalize"/>), so <c>* " : ~ (</c> are plain separators.
/// <para>
/// Text: the words are grouped into concepts — a synonym entry (longest match first, multi-word entries as phrases)
/// or a single word. Each concept matches when any of its alternatives matches in any text field (with per-field
/// boosts, below). With one or two concepts all must match; with more, 75% of them (rounded down), so
/// "songket palembang murah" still finds songket from Palembang although no product says "murah". A word of 4+
/// letters also matches fuzzily (1 edit, 2 from 8 letters; first letter fixed) in the (unstemmed) name, category and
/// city fields, at a lower boost than the exact term; shorter words never fuzzily. (Fuzzy expansion is the costliest
/// part of a query, so it is limited to the fields where shoppers' typos land, and used only when the exact words
/// find fewer than <see cref="FuzzyBelow"/> products.) A product whose whole name equals the text gets an extra boost.
/// </para>
/// </summary>
internal sealed class LuceneQueryBuilder(SynonymList synonyms)
{
    /// <summary>name &gt; tags (category, materials, sub-sector) &gt; place &gt; description/story &gt; shop name.</summary>
    internal static readonly IReadOnlyList<(string Field, float Boost, bool Fuzzy)> TextFields =
    [
        (LuceneFields.Name, 6f, false),
        (LuceneFields.NamePlain, 4f, true), // fuzzy on the unstemmed name: typos are in real words, not stems
        (LuceneFields.NameEn, 4f, false),
        (LuceneFields.Category, 3f, true),
        (LuceneFields.Materials, 2.5f, false),
        (LuceneFields.SubsectorName, 2.5f, false),
        (LuceneFields.CityName, 2f, true),
        (LuceneFields.ProvinceName, 1f, false),
        (LuceneFields.Description, 1.5f, false),
        (LuceneFields.DescriptionEn, 1.2f, false),
        (LuceneFields.Story, 1f, false),
        (LuceneFields.ShopName, 0.8f, false),
    ];

    private const float FuzzyFactor = 0.35f;

    /// <summary>The exact words finding fewer products than this (under the query's filters) bring in typo tolerance.</summary>
    public const int FuzzyBelow = 10;
    private const int MaxWords = 32;

    internal sealed record TextQuery(Query Query, IReadOnlyList<HighlightTerm> Highlights);

    /// <summary>
    /// Null when the text has no searchable word (empty, punctuation only, only stop words): match everything.
    /// <paramref name="fuzzy"/> false leaves out the typo-tolerant clauses: the engine asks for the exact query first and
    /// for the fuzzy one only when that finds too little (expanding every word fuzzily was most of a query's time).
    /// </summary>
    public TextQuery? BuildText(string? text, bool fuzzy = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = SynonymList.Normalize(text);
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxWords).ToArray();
        var highlights = new List<HighlightTerm>();
        var concepts = new List<Query>();
        for (var i = 0; i < words.Length;)
        {
            var (alternatives, used) = Concept(words, i);
            i += used;
            var concept = new BooleanQuery(disableCoord: true);
            foreach (var alternative in alternatives)
            {
                AddAlternative(concept, alternative, highlights, fuzzy);
            }

            if (concept.Clauses.Count > 0)
            {
                concepts.Add(concept);
            }
        }

        if (concepts.Count == 0)
        {
            return null;
        }

        var all = new BooleanQuery();
        foreach (var concept in concepts)
        {
            all.Add(concept, Occur.SHOULD);
        }

        all.MinimumNumberShouldMatch = concepts.Count <= 2 ? concepts.Count : (int)Math.Floor(concepts.Count * 0.75);

        var top = new BooleanQuery(disableCoord: true)
        {
            { all, Occur.MUST },
            { new CachedTermQuery(new Term(LuceneFields.NameExact, normalized)) { Boost = 10f }, Occur.SHOULD },
        };
        return new TextQuery(top, highlights);
    }

    /// <summary>The synonym entry starting at <paramref name="start"/> (longest first), or the single word.</summary>
    private (IReadOnlyList<string> Alternatives, int Used) Concept(string[] words, int start)
    {
        for (var length = Math.Min(synonyms.LongestEntryWords, words.Length - start); length >= 1; length--)
        {
            var phrase = string.Join(' ', words, start, length);
            if (synonyms.Find(phrase) is { } group)
            {
                // The typed form first, so its fuzzy variant is the one built.
                return ([phrase, .. group.Where(g => g != phrase)], length);
            }
        }

        return ([words[start]], 1);
    }

    private static void AddAlternative(BooleanQuery concept, string alternative, List<HighlightTerm> highlights, bool withFuzzy)
    {
        var singleWord = !alternative.Contains(' ', StringComparison.Ordinal);
        // Twelve fields share three analysers, none of which looks at the field name: analyse once per analyser.
        var analysed = new Dictionary<Analyzer, List<string>>(3, ReferenceEqualityComparer.Instance);
        foreach (var (field, boost, fuzzy) in TextFields)
        {
            var analyzer = LuceneAnalysis.ForField(field);
            if (!analysed.TryGetValue(analyzer, out var terms))
            {
                analysed[analyzer] = terms = LuceneAnalysis.Terms(analyzer, field, alternative);
            }

            if (terms.Count == 0)
            {
                continue;
            }

            if (terms.Count == 1)
            {
                concept.Add(new CachedTermQuery(new Term(field, terms[0])) { Boost = boost }, Occur.SHOULD);
                var edits = withFuzzy && fuzzy && singleWord ? FuzzyEdits(alternative, terms[0]) : 0;
                if (edits > 0)
                {
                    concept.Add(new CachedRewriteQuery(new SharedAutomataFuzzyQuery(new Term(field, terms[0]), edits, prefixLength: 1, maxExpansions: 20, transpositions: true)
                    {
                        Boost = boost * FuzzyFactor,
                        MultiTermRewriteMethod = new PooledTopTermsRewrite(20),
                    }), Occur.SHOULD);
                }

                highlights.Add(new HighlightTerm(field, terms[0], edits));
            }
            else
            {
                var phrase = new PhraseQuery { Slop = 1, Boost = boost };
                foreach (var term in terms)
                {
                    phrase.Add(new Term(field, term));
                    highlights.Add(new HighlightTerm(field, term, 0));
                }

                concept.Add(phrase, Occur.SHOULD);
            }
        }
    }

    /// <summary>Typo tolerance by the length of what was typed (and of its stem): none under 4 letters.</summary>
    internal static int FuzzyEdits(string typed, string term)
    {
        var length = Math.Min(typed.Length, term.Length);
        return length < 4 ? 0 : length < 8 ? 1 : 2;
    }

    /// <summary>The filters of <paramref name="query"/>, leaving out the one <paramref name="except"/> facet counts over.</summary>
    public static List<Query> Filters(SearchQuery query, FacetKind except = FacetKind.None)
    {
        var filters = new List<Query>();
        if (except != FacetKind.Subsector && !string.IsNullOrWhiteSpace(query.Subsector))
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.Subsector, query.Subsector.Trim())));
        }

        if (except != FacetKind.City && !string.IsNullOrWhiteSpace(query.City))
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.City, query.City.Trim())));
        }

        if (!string.IsNullOrWhiteSpace(query.Province))
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.Province, query.Province.Trim())));
        }

        if (!string.IsNullOrWhiteSpace(query.Shop))
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.Shop, LuceneFields.KeyTerm(query.Shop))));
        }

        if (!string.IsNullOrWhiteSpace(query.Exhibition))
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.Exhibition, LuceneFields.KeyTerm(query.Exhibition))));
        }

        if (except != FacetKind.Halal && query.Halal is { } halal)
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.Halal, halal ? "1" : "0")));
        }

        if (query.InStock is { } inStock)
        {
            filters.Add(new CachedTermQuery(new Term(LuceneFields.InStock, inStock ? "1" : "0")));
        }

        if (query.MinRating is { } minRating)
        {
            filters.Add(NumericRangeQuery.NewInt32Range(LuceneFields.Rating, Ratings.ToHundredths(minRating), null, true, true));
        }

        if (except != FacetKind.Price && (query.MinPrice is not null || query.MaxPrice is not null))
        {
            filters.Add(NumericRangeQuery.NewInt64Range(LuceneFields.Price, query.MinPrice, query.MaxPrice, true, true));
        }

        return filters;
    }

    /// <summary>Text AND filters; filters do not score.</summary>
    public static Query Combine(Query? text, IReadOnlyList<Query> filters)
    {
        if (filters.Count == 0)
        {
            return text ?? new MatchAllDocsQuery();
        }

        var filter = new BooleanQuery();
        foreach (var f in filters)
        {
            filter.Add(f, Occur.MUST);
        }

        var combined = new BooleanQuery(disableCoord: true)
        {
            { text ?? new MatchAllDocsQuery(), Occur.MUST },
            { new ConstantScoreQuery(filter) { Boost = 0f }, Occur.MUST },
        };
        return combined;
    }

    public static Sort SortOf(SearchQuery query, bool hasText)
    {
        var byId = new SortField(LuceneFields.IdSort, SortFieldType.STRING);
        var newest = new SortField(LuceneFields.ListedValue, SortFieldType.INT64, reverse: true);
        return query.Sort switch
        {
            SearchSort.PriceAsc => new Sort(new SortField(LuceneFields.PriceValue, SortFieldType.INT64), byId),
            SearchSort.PriceDesc => new Sort(new SortField(LuceneFields.PriceValue, SortFieldType.INT64, reverse: true), byId),
            SearchSort.Newest => new Sort(newest, byId),
            SearchSort.Rating => new Sort(
                new SortField(LuceneFields.RatingValue, SortFieldType.INT64, reverse: true),
                new SortField(LuceneFields.RatingCountValue, SortFieldType.INT64, reverse: true),
                byId),
            _ when !hasText => new Sort(newest, byId),
            _ => new Sort(SortField.FIELD_SCORE, newest, byId),
        };
    }
}
