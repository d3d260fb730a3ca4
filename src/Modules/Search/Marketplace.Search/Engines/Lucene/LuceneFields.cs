using System.Globalization;
using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>The index schema: field names, and how a <see cref="SearchDocument"/> becomes a Lucene document.</summary>
internal static class LuceneFields
{
    // Identity and stored source
    public const string Id = "id";
    public const string IdSort = "id_sort";
    public const string Source = "source";
    public const string SourceValue = "source_dv";

    /// <summary>
    /// A source up to this size is a doc value (read by offset from the mapped file); a larger one (a very long
    /// description) is a stored field instead, which Lucene compresses. Well under Lucene's per-value limits.
    /// </summary>
    private const int MaxSourceValueBytes = 32_000;

    // Text (analysed; see LuceneAnalysis)
    public const string Name = "name";
    public const string NameEn = "name_en";
    public const string NamePlain = "name_plain";
    public const string NameExact = "name_exact";
    public const string Category = "category";
    public const string Materials = "materials";
    public const string SubsectorName = "subsector_name";
    public const string Description = "description";
    public const string DescriptionEn = "description_en";
    public const string Story = "story";
    public const string ShopName = "shop_name";
    public const string CityName = "city_name";
    public const string ProvinceName = "province_name";
    public const string Suggest = "suggest";

    // Filters (exact terms)
    public const string Subsector = "subsector";
    public const string City = "city";
    public const string Province = "province";
    public const string Shop = "shop";
    public const string Exhibition = "exhibition";
    public const string Halal = "halal";
    public const string InStock = "in_stock";
    public const string Price = "price";
    public const string Rating = "rating";

    // Doc values (sorting and facets)
    public const string PriceValue = "price_dv";
    public const string ListedValue = "listed_dv";
    public const string HalalValue = "halal_dv";
    public const string RatingValue = "rating_dv";
    public const string RatingCountValue = "rating_count_dv";
    public const string SubsectorFacet = "subsector_facet";
    public const string CityFacet = "city_facet";

    /// <summary>Separates a facet value from its label inside one doc value ("kuliner\u001fKuliner").</summary>
    public const char FacetSeparator = '\u001f';

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string IdTerm(Guid productId) => productId.ToString("N");

    public static Document ToDocument(SearchDocument d)
    {
        var id = IdTerm(d.ProductId);
        var doc = new Document
        {
            new StringField(Id, id, Field.Store.YES),
            new SortedDocValuesField(IdSort, new BytesRef(id)),

            new TextField(Name, d.Name, Field.Store.NO),
            new TextField(NamePlain, d.Name, Field.Store.NO),
            new TextField(NameExact, d.Name, Field.Store.NO),
            new TextField(Suggest, d.Name, Field.Store.NO),
            new TextField(SubsectorName, d.SubsectorName, Field.Store.NO),
            new TextField(ShopName, d.ShopName, Field.Store.NO),
            new TextField(CityName, d.CityName, Field.Store.NO),
            new TextField(ProvinceName, d.ProvinceName, Field.Store.NO),

            new StringField(Subsector, d.SubsectorCode, Field.Store.NO),
            new StringField(City, d.CityCode, Field.Store.NO),
            new StringField(Province, d.ProvinceCode, Field.Store.NO),
            new StringField(Shop, IdTerm(d.ShopId), Field.Store.NO),
            new StringField(Shop, d.ShopSlug.ToLowerInvariant(), Field.Store.NO),
            new StringField(Halal, d.Halal ? "1" : "0", Field.Store.NO),
            new StringField(InStock, d.InStock ? "1" : "0", Field.Store.NO),
            new Int64Field(Price, d.PriceAmount, Field.Store.NO),
            new Int32Field(Rating, d.RatingHundredths, Field.Store.NO),

            new NumericDocValuesField(PriceValue, d.PriceAmount),
            new NumericDocValuesField(ListedValue, d.ListedAt.UtcTicks),
            new NumericDocValuesField(HalalValue, d.Halal ? 1 : 0),
            new NumericDocValuesField(RatingValue, d.RatingHundredths),
            new NumericDocValuesField(RatingCountValue, d.RatingCount),
            new SortedDocValuesField(SubsectorFacet, new BytesRef(d.SubsectorCode + FacetSeparator + d.SubsectorName)),
            new SortedDocValuesField(CityFacet, new BytesRef(d.CityCode + FacetSeparator + d.CityName)),
        };

        // The source (what a hit shows and highlights) as a binary doc value rather than a stored field: a stored field
        // is read by decompressing its 16 KB block up to the document, byte by byte in Lucene.NET — a quarter of a
        // query's time for the page's 20 documents (bench/search/README.md). Costs more disk (uncompressed JSON).
        var source = JsonSerializer.SerializeToUtf8Bytes(d, Json);
        doc.Add(source.Length <= MaxSourceValueBytes ? new BinaryDocValuesField(SourceValue, new BytesRef(source)) : new StoredField(Source, source));

        AddText(doc, NameEn, d.NameEn);
        AddText(doc, Category, d.Category);
        AddText(doc, Description, d.Description);
        AddText(doc, DescriptionEn, d.DescriptionEn);
        AddText(doc, Story, d.Story);
        foreach (var material in d.Materials)
        {
            AddText(doc, Materials, material);
        }

        foreach (var exhibition in d.Exhibitions)
        {
            doc.Add(new StringField(Exhibition, IdTerm(exhibition.ExhibitionId), Field.Store.NO));
            doc.Add(new StringField(Exhibition, exhibition.Slug.ToLowerInvariant(), Field.Store.NO));
        }

        return doc;
    }

    /// <summary>The indexed source of a document (doc value; stored field when large or written by an older version).</summary>
    public static SearchDocument Load(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        if (leaf.AtomicReader.GetBinaryDocValues(SourceValue) is { } values)
        {
            var bytes = new BytesRef();
            values.Get(doc - leaf.DocBase, bytes);
            if (bytes.Length > 0)
            {
                return Parse(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
            }
        }

        var stored = searcher.Doc(doc, SourceOnly);
        return stored.GetBinaryValue(Source) is { } binary
            ? Parse(binary.Bytes.AsSpan(binary.Offset, binary.Length))
            : JsonSerializer.Deserialize<SearchDocument>(stored.Get(Source) ?? "null", Json) ?? throw new InvalidOperationException("Index document without source.");
    }

    private static SearchDocument Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<SearchDocument>(json, Json) ?? throw new InvalidOperationException("Index document without source.");

    private static readonly ISet<string> SourceOnly = new HashSet<string> { Source };

    /// <summary>The term a shop or exhibition filter value is indexed as: an id in "N" form, or a lower-cased slug.</summary>
    public static string KeyTerm(string value) =>
        Guid.TryParse(value, out var id) ? IdTerm(id) : value.Trim().ToLowerInvariant();

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AddText(Document doc, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            doc.Add(new TextField(field, value, Field.Store.NO));
        }
    }
}
