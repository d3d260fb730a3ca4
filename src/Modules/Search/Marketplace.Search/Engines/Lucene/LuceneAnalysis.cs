using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// The analysers, one per field family:
/// <list type="bullet">
/// <item>Indonesian (names, descriptions, stories, categories, shop and place names): as Lucene's IndonesianAnalyzer
/// (standard tokenizer, lower case, its stop words, <see cref="IndonesianStemFilter"/> which strips particles,
/// possessives and derivational prefixes/suffixes) plus ASCII folding, so "Kerajinan" and "kerajinan" stem alike.</item>
/// <item>English (the <c>*_en</c> fields): Lucene's EnglishAnalyzer (possessives, stop words, Porter stemmer).</item>
/// <item>Plain (name_plain): lower case + folding, no stop words or stemming: exact words such as "oleh-oleh", whose
/// parts are Indonesian stop words, still match, and fuzzy matching works on real words rather than stems.</item>
/// <item>Keyword (name_exact): the whole name as one lower-cased, folded token, for an exact-name boost.</item>
/// <item>Suggest (suggest): plain tokens cut into edge n-grams of 1–20 characters at index time; the query side uses
/// plain tokens, so "empe" finds "empek-empek".</item>
/// </list>
/// </summary>
internal static class LuceneAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
    public const int MaxSuggestGram = 20;

    public static Analyzer Indonesian { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new StandardFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, IndonesianAnalyzer.DefaultStopSet);
        stream = new IndonesianStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    public static Analyzer English { get; } = new EnglishAnalyzer(Version);

    public static Analyzer Plain { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    public static Analyzer Keyword { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new KeywordTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    public static Analyzer SuggestIndex { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new EdgeNGramTokenFilter(Version, stream, 1, MaxSuggestGram);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>The analyser of each text field (everything not listed is Indonesian).</summary>
    public static Analyzer ForField(string field) => field switch
    {
        LuceneFields.NameEn or LuceneFields.DescriptionEn => English,
        LuceneFields.NamePlain => Plain,
        LuceneFields.NameExact => Keyword,
        LuceneFields.Suggest => SuggestIndex,
        _ => Indonesian,
    };

    public static Analyzer PerField { get; } = new PerFieldAnalyzerWrapper(Indonesian, new Dictionary<string, Analyzer>
    {
        [LuceneFields.NameEn] = English,
        [LuceneFields.DescriptionEn] = English,
        [LuceneFields.NamePlain] = Plain,
        [LuceneFields.NameExact] = Keyword,
        [LuceneFields.Suggest] = SuggestIndex,
    });

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/>, in order.</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<global::Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
