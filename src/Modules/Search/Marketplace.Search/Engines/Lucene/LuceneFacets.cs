using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// Facet counting, done here because Lucene.Net.Facet is not available: a collector reads the facet doc values of
/// every matching document (per segment, by ordinal, resolved to strings once per segment).
/// </summary>
internal sealed class FacetCollector(bool subsector, bool city, bool halal, bool price) : ICollector
{
    private readonly Dictionary<string, long> _subsector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _city = new(StringComparer.Ordinal);
    private readonly long[] _halal = new long[2];
    private readonly long[] _price = new long[PriceBuckets.All.Count];

    private SortedDocValues? _subsectorValues;
    private SortedDocValues? _cityValues;
    private NumericDocValues? _halalValues;
    private NumericDocValues? _priceValues;
    private int[] _subsectorOrds = [];
    private int[] _cityOrds = [];
    private string[] _subsectorLabels = [];
    private string[] _cityLabels = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        if (subsector)
        {
            _subsectorValues = reader.GetSortedDocValues(LuceneFields.SubsectorFacet);
            _subsectorOrds = new int[_subsectorValues?.ValueCount ?? 0];
            _subsectorLabels = FacetLabels.Of(reader, LuceneFields.SubsectorFacet, _subsectorValues);
        }

        if (city)
        {
            _cityValues = reader.GetSortedDocValues(LuceneFields.CityFacet);
            _cityOrds = new int[_cityValues?.ValueCount ?? 0];
            _cityLabels = FacetLabels.Of(reader, LuceneFields.CityFacet, _cityValues);
        }

        _halalValues = halal ? reader.GetNumericDocValues(LuceneFields.HalalValue) : null;
        _priceValues = price ? reader.GetNumericDocValues(LuceneFields.PriceValue) : null;
    }

    public void Collect(int doc)
    {
        if (_subsectorValues is not null && _subsectorValues.GetOrd(doc) is var s and >= 0)
        {
            _subsectorOrds[s]++;
        }

        if (_cityValues is not null && _cityValues.GetOrd(doc) is var c and >= 0)
        {
            _cityOrds[c]++;
        }

        if (_halalValues is not null)
        {
            _halal[_halalValues.Get(doc) == 1 ? 1 : 0]++;
        }

        if (_priceValues is not null)
        {
            var amount = _priceValues.Get(doc);
            for (var i = 0; i < _price.Length; i++)
            {
                if (PriceBuckets.Contains(PriceBuckets.All[i], amount))
                {
                    _price[i]++;
                    break;
                }
            }
        }
    }

    private void Flush()
    {
        FlushOrds(_subsectorValues, _subsectorOrds, _subsectorLabels, _subsector);
        FlushOrds(_cityValues, _cityOrds, _cityLabels, _city);
        _subsectorValues = null;
        _cityValues = null;
    }

    private static void FlushOrds(SortedDocValues? values, int[] ords, string[] labels, Dictionary<string, long> into)
    {
        if (values is null)
        {
            return;
        }

        for (var ord = 0; ord < ords.Length; ord++)
        {
            if (ords[ord] != 0)
            {
                ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, labels[ord], out _);
                count += ords[ord];
            }
        }
    }

    public IReadOnlyList<FacetCount> Subsectors()
    {
        Flush();
        return Values(_subsector);
    }

    public IReadOnlyList<FacetCount> Cities()
    {
        Flush();
        return Values(_city);
    }

    public IReadOnlyList<FacetCount> Halal() =>
        new[] { new FacetCount("true", null, _halal[1]), new FacetCount("false", null, _halal[0]) }
            .Where(f => f.Count > 0).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();

    public IReadOnlyList<PriceRangeCount> PriceRanges() =>
        PriceBuckets.All.Select((b, i) => new PriceRangeCount(b.From, b.To, _price[i])).ToList();

    private static List<FacetCount> Values(Dictionary<string, long> counts) =>
        counts.Select(kv =>
            {
                var separator = kv.Key.IndexOf(LuceneFields.FacetSeparator, StringComparison.Ordinal);
                return separator < 0
                    ? new FacetCount(kv.Key, null, kv.Value)
                    : new FacetCount(kv.Key[..separator], kv.Key[(separator + 1)..], kv.Value);
            })
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
}

/// <summary>
/// A segment's facet values by ordinal, decoded once per segment (segments never change; the table lets go of a
/// segment's labels with the segment) instead of looking every counted ordinal up and decoding it on every query.
/// </summary>
internal static class FacetLabels
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Collections.Concurrent.ConcurrentDictionary<string, string[]>> Segments = [];

    public static string[] Of(AtomicReader reader, string field, SortedDocValues? values) =>
        values is null
            ? []
            : Segments.GetValue(reader.CoreCacheKey, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, string[]>())
                .GetOrAdd(field, _ =>
                {
                    var labels = new string[values.ValueCount];
                    var bytes = new BytesRef();
                    for (var ord = 0; ord < labels.Length; ord++)
                    {
                        values.LookupOrd(ord, bytes);
                        labels[ord] = bytes.Utf8ToString();
                    }

                    return labels;
                });
}
