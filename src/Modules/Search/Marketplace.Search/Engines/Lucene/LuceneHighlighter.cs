using System.Net;
using System.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// Highlighted snippets, computed here because Lucene.Net.Highlighter is not available: each shown field is
/// re-analysed with its own analyser (so stems match as they matched in the query), tokens equal to a query term —
/// or within its fuzzy edit distance — are wrapped in <see cref="Highlighting.Pre"/>/<see cref="Highlighting.Post"/>,
/// and everything else is HTML-encoded. Short fields come back whole; long ones as up to two fragments around matches.
/// </summary>
internal static class LuceneHighlighter
{
    private static readonly (string ApiField, string[] LuceneFields, Func<SearchDocument, string?> Text, bool Whole)[] Shown =
    [
        ("name", [LuceneFields.Name, LuceneFields.NamePlain], d => d.Name, true),
        ("nameEn", [LuceneFields.NameEn], d => d.NameEn, true),
        ("category", [LuceneFields.Category], d => d.Category, true),
        ("description", [LuceneFields.Description], d => d.Description, false),
        ("descriptionEn", [LuceneFields.DescriptionEn], d => d.DescriptionEn, false),
        ("story", [LuceneFields.Story], d => d.Story, false),
        ("shopName", [LuceneFields.ShopName], d => d.ShopName, true),
    ];

    public static IReadOnlyList<HighlightField> Highlight(SearchDocument document, IReadOnlyList<HighlightTerm> terms) =>
        Highlight(document, ByField(terms));

    /// <summary>The query's terms by field: once per query, not once per hit and field.</summary>
    public static Dictionary<string, List<HighlightTerm>> ByField(IReadOnlyList<HighlightTerm> terms)
    {
        var byField = new Dictionary<string, List<HighlightTerm>>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (!byField.TryGetValue(term.Field, out var wanted))
            {
                byField[term.Field] = wanted = [];
            }

            wanted.Add(term);
        }

        return byField;
    }

    public static IReadOnlyList<HighlightField> Highlight(SearchDocument document, Dictionary<string, List<HighlightTerm>> terms)
    {
        if (terms.Count == 0)
        {
            return [];
        }

        var result = new List<HighlightField>();
        foreach (var (apiField, luceneFields, read, whole) in Shown)
        {
            var text = read(document);
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var matches = new List<(int Start, int End)>();
            foreach (var field in luceneFields)
            {
                if (terms.TryGetValue(field, out var wanted))
                {
                    matches.AddRange(Matches(field, text, wanted));
                }
            }

            if (matches.Count == 0)
            {
                continue;
            }

            var merged = Merge(matches);
            var fragments = whole ? [Mark(text, merged, 0, text.Length)] : Fragments(text, merged);
            result.Add(new HighlightField(apiField, fragments));
        }

        return result;
    }

    private static IEnumerable<(int Start, int End)> Matches(string field, string text, List<HighlightTerm> wanted)
    {
        var analyzer = LuceneAnalysis.ForField(field);
        if (!MayMatch(analyzer, text, wanted))
        {
            return [];
        }

        var found = new List<(int, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // Compared in the attribute's buffer: most tokens match nothing, and a string per token was most of the garbage.
            var token = term.Buffer.AsSpan(0, term.Length);
            foreach (var w in wanted)
            {
                if (IsMatch(token, w))
                {
                    found.Add((offset.StartOffset, offset.EndOffset));
                    break;
                }
            }
        }

        stream.End();
        return found;
    }

    /// <summary>
    /// False when no token of <paramref name="text"/> can equal a wanted term, so the text need not be analysed (most
    /// descriptions and shop names of a page contain no query word). Only decided for ASCII text and exact terms of the
    /// plain and Indonesian analysers: their tokens are then lower-cased slices of the text (ASCII folding changes
    /// nothing), and an Indonesian stem is a slice too except that its first letter may be replaced (meny-a… → sa…,
    /// pen-a… → ta…), so all of a term but its first letter must occur in the text. Anything else is analysed.
    /// </summary>
    private static bool MayMatch(global::Lucene.Net.Analysis.Analyzer analyzer, string text, List<HighlightTerm> wanted)
    {
        var stems = analyzer == LuceneAnalysis.Indonesian;
        if ((!stems && analyzer != LuceneAnalysis.Plain) || !System.Text.Ascii.IsValid(text))
        {
            return true;
        }

        foreach (var w in wanted)
        {
            var needle = stems && w.Term.Length > 0 ? w.Term.AsSpan(1) : w.Term.AsSpan();
            if (w.MaxEdits > 0 || text.AsSpan().Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMatch(ReadOnlySpan<char> token, HighlightTerm wanted) =>
        token.SequenceEqual(wanted.Term)
        || (wanted.MaxEdits > 0 && token.Length > 0 && wanted.Term.Length > 0 && token[0] == wanted.Term[0]
            && Math.Abs(token.Length - wanted.Term.Length) <= wanted.MaxEdits
            && EditDistance(token.ToString(), wanted.Term) <= wanted.MaxEdits);

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions), as FuzzyQuery counts edits.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> matches)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var m in matches.OrderBy(m => m.Start).ThenByDescending(m => m.End))
        {
            if (merged.Count > 0 && m.Start < merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, m.End));
            }
            else
            {
                merged.Add(m);
            }
        }

        return merged;
    }

    private static List<string> Fragments(string text, List<(int Start, int End)> matches)
    {
        var fragments = new List<string>();
        var covered = 0;
        foreach (var match in matches)
        {
            if (fragments.Count == Highlighting.MaxFragments)
            {
                break;
            }

            if (match.Start < covered)
            {
                continue;
            }

            var start = Math.Max(covered, match.Start - (Highlighting.FragmentSize / 3));
            start = SnapStart(text, start, match.Start);
            var end = Math.Min(text.Length, start + Highlighting.FragmentSize);
            end = Math.Max(end, match.End);
            end = SnapEnd(text, end);
            var inside = matches.Where(m => m.Start >= start && m.End <= end).ToList();
            var fragment = Mark(text, inside, start, end);
            fragments.Add((start > 0 ? "… " : "") + fragment + (end < text.Length ? " …" : ""));
            covered = end;
        }

        return fragments;
    }

    private static int SnapStart(string text, int start, int limit)
    {
        if (start == 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', start);
        return space >= 0 && space < limit ? space + 1 : start;
    }

    private static int SnapEnd(string text, int end)
    {
        if (end >= text.Length)
        {
            return text.Length;
        }

        var space = text.LastIndexOf(' ', end - 1);
        return space > 0 && end - space < 30 ? space : end;
    }

    private static string Mark(string text, List<(int Start, int End)> matches, int from, int to)
    {
        var builder = new StringBuilder();
        var at = from;
        foreach (var (start, end) in matches)
        {
            if (start < from || end > to)
            {
                continue;
            }

            builder.Append(WebUtility.HtmlEncode(text[at..start]));
            builder.Append(Highlighting.Pre).Append(WebUtility.HtmlEncode(text[start..end])).Append(Highlighting.Post);
            at = end;
        }

        builder.Append(WebUtility.HtmlEncode(text[at..to]));
        return builder.ToString();
    }
}
