using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// Facet counting, done here because Lucene.Net.Facet is not available: a collector reads the facet values of every
/// matching document (per segment, by ordinal, resolved to strings once per segment) from arrays the segment's doc
/// values are copied into once (<see cref="FacetValues"/>).
/// </summary>
internal sealed class FacetCollector(bool subsector, bool city, bool halal, bool price) : ICollector
{
    private readonly Dictionary<string, (FacetLabel Label, long Count)> _subsector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FacetLabel Label, long Count)> _city = new(StringComparer.Ordinal);
    private readonly long[] _halal = new long[2];
    private readonly long[] _price = new long[PriceBuckets.All.Count];

    private SortedDocValues? _subsectorValues;
    private SortedDocValues? _cityValues;
    private int[]? _subsectorOrdOf;
    private int[]? _cityOrdOf;
    private byte[]? _halalOf;
    private byte[]? _priceBucketOf;
    private int[] _subsectorOrds = [];
    private int[] _cityOrds = [];
    private FacetLabel[] _subsectorLabels = [];
    private FacetLabel[] _cityLabels = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        var values = FacetValues.Of(reader);
        if (subsector)
        {
            _subsectorValues = reader.GetSortedDocValues(LuceneFields.SubsectorFacet);
            _subsectorOrds = Counts(_subsectorOrds, _subsectorValues?.ValueCount ?? 0);
            _subsectorLabels = FacetLabels.Of(reader, LuceneFields.SubsectorFacet, _subsectorValues);
        }

        if (city)
        {
            _cityValues = reader.GetSortedDocValues(LuceneFields.CityFacet);
            _cityOrds = Counts(_cityOrds, _cityValues?.ValueCount ?? 0);
            _cityLabels = FacetLabels.Of(reader, LuceneFields.CityFacet, _cityValues);
        }

        _subsectorOrdOf = _subsectorValues is null ? null : values.SubsectorOrd;
        _cityOrdOf = _cityValues is null ? null : values.CityOrd;
        _halalOf = halal ? values.Halal : null;
        _priceBucketOf = price ? values.PriceBucket : null;
    }

    /// <summary>One counting array per facet for all segments, cleared per segment (not one new array per segment).</summary>
    private static int[] Counts(int[] counts, int values)
    {
        if (counts.Length < values)
        {
            return new int[values];
        }

        Array.Clear(counts, 0, values);
        return counts;
    }

    public void Collect(int doc)
    {
        if (_subsectorOrdOf is not null && _subsectorOrdOf[doc] is var s and >= 0)
        {
            _subsectorOrds[s]++;
        }

        if (_cityOrdOf is not null && _cityOrdOf[doc] is var c and >= 0)
        {
            _cityOrds[c]++;
        }

        if (_halalOf is not null && _halalOf[doc] is var h and not FacetValues.Missing)
        {
            _halal[h]++;
        }

        if (_priceBucketOf is not null && _priceBucketOf[doc] is var p and not FacetValues.Missing)
        {
            _price[p]++;
        }
    }

    private void Flush()
    {
        FlushOrds(_subsectorValues, _subsectorOrds, _subsectorLabels, _subsector);
        FlushOrds(_cityValues, _cityOrds, _cityLabels, _city);
        _subsectorValues = null;
        _cityValues = null;
    }

    private static void FlushOrds(SortedDocValues? values, int[] ords, FacetLabel[] labels, Dictionary<string, (FacetLabel Label, long Count)> into)
    {
        if (values is null)
        {
            return;
        }

        for (var ord = 0; ord < labels.Length; ord++) // this segment's values (the array may be longer)
        {
            if (ords[ord] != 0)
            {
                var label = labels[ord];
                ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, label.Key, out _);
                entry = (label, entry.Count + ords[ord]);
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

    private static List<FacetCount> Values(Dictionary<string, (FacetLabel Label, long Count)> counts) =>
        counts.Values.Select(e => new FacetCount(e.Label.Value, e.Label.Text, e.Count))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
}

/// <summary>A facet doc value ("kuliner\u001fKuliner") and its two parts, split once per segment.</summary>
internal sealed class FacetLabel(string key)
{
    public string Key { get; } = key;

    public string Value { get; } = key.IndexOf(LuceneFields.FacetSeparator, StringComparison.Ordinal) is var at and >= 0 ? key[..at] : key;

    public string? Text { get; } = key.IndexOf(LuceneFields.FacetSeparator, StringComparison.Ordinal) is var at and >= 0 ? key[(at + 1)..] : null;
}

/// <summary>
/// A segment's facet values by ordinal, decoded once per segment (segments never change; the table lets go of a
/// segment's labels with the segment) instead of looking every counted ordinal up and decoding it on every query.
/// </summary>
internal static class FacetLabels
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Collections.Concurrent.ConcurrentDictionary<string, FacetLabel[]>> Segments = [];

    public static FacetLabel[] Of(AtomicReader reader, string field, SortedDocValues? values) =>
        values is null
            ? []
            : Segments.GetValue(reader.CoreCacheKey, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, FacetLabel[]>())
                .GetOrAdd(field, _ =>
                {
                    var labels = new FacetLabel[values.ValueCount];
                    var bytes = new BytesRef();
                    for (var ord = 0; ord < labels.Length; ord++)
                    {
                        values.LookupOrd(ord, bytes);
                        labels[ord] = new FacetLabel(bytes.Utf8ToString());
                    }

                    return labels;
                });
}

/// <summary>
/// A segment's facet doc values copied into arrays by document, once per segment core (segments never change; the
/// table lets go of them with the segment): Lucene.NET reads a doc value through its memory-mapped input byte by byte,
/// which was most of the facet collector's time. About 10 bytes per document (10 MB at a million products). A field a
/// segment lacks counts nothing, as before; the price is stored as its bucket (the first that contains it).
/// </summary>
internal sealed class FacetValues
{
    public const byte Missing = byte.MaxValue;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, FacetValues> Segments = [];

    private FacetValues(AtomicReader reader)
    {
        var docs = reader.MaxDoc;
        SubsectorOrd = Ords(reader.GetSortedDocValues(LuceneFields.SubsectorFacet), docs);
        CityOrd = Ords(reader.GetSortedDocValues(LuceneFields.CityFacet), docs);
        Halal = new byte[docs];
        PriceBucket = new byte[docs];
        var halal = reader.GetNumericDocValues(LuceneFields.HalalValue);
        var price = reader.GetNumericDocValues(LuceneFields.PriceValue);
        for (var doc = 0; doc < docs; doc++)
        {
            Halal[doc] = halal is null ? Missing : halal.Get(doc) == 1 ? (byte)1 : (byte)0;
            PriceBucket[doc] = price is null ? Missing : Bucket(price.Get(doc));
        }
    }

    public int[]? SubsectorOrd { get; }

    public int[]? CityOrd { get; }

    public byte[] Halal { get; }

    public byte[] PriceBucket { get; }

    public static FacetValues Of(AtomicReader reader) => Segments.GetValue(reader.CoreCacheKey, _ => new FacetValues(reader));

    private static int[]? Ords(SortedDocValues? values, int docs)
    {
        if (values is null)
        {
            return null;
        }

        var ords = new int[docs];
        for (var doc = 0; doc < docs; doc++)
        {
            ords[doc] = values.GetOrd(doc);
        }

        return ords;
    }

    private static byte Bucket(long amount)
    {
        for (var i = 0; i < PriceBuckets.All.Count; i++)
        {
            if (PriceBuckets.Contains(PriceBuckets.All[i], amount))
            {
                return (byte)i;
            }
        }

        return Missing;
    }
}
