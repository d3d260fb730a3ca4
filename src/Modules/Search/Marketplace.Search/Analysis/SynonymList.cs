using System.Globalization;
using System.Text;

namespace Marketplace.Search.Analysis;

/// <summary>
/// The synonym groups of <c>Analysis/synonyms.txt</c> (Solr format: one group of equivalent terms per line, commas
/// between terms, <c>#</c> comments). Terms are normalised (<see cref="Normalize"/>) so that "Empek-Empek" and
/// "empek empek" are the same entry. Both engines use this list at query time.
/// </summary>
internal sealed class SynonymList
{
    private readonly Dictionary<string, IReadOnlyList<string>> _groupOf = new(StringComparer.Ordinal);

    public SynonymList(IEnumerable<IReadOnlyList<string>> groups)
    {
        var list = new List<IReadOnlyList<string>>();
        foreach (var group in groups)
        {
            var normalized = group.Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (normalized.Count < 2)
            {
                continue;
            }

            list.Add(normalized);
            foreach (var term in normalized)
            {
                // A term in two groups gets the union: synonyms are symmetric.
                _groupOf[term] = _groupOf.TryGetValue(term, out var existing)
                    ? existing.Union(normalized, StringComparer.Ordinal).ToList()
                    : normalized;
            }
        }

        Groups = list;
        LongestEntryWords = _groupOf.Keys.Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    /// <summary>The groups as written (normalised), e.g. for an engine that takes the list in its index settings.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>The most words any entry has (for phrase matching over query tokens).</summary>
    public int LongestEntryWords { get; }

    private static readonly Lazy<SynonymList> Embedded = new(() => Parse(ReadEmbeddedText()));

    /// <summary>The list shipped with the module (<c>Analysis/synonyms.txt</c>, embedded).</summary>
    public static SynonymList Default => Embedded.Value;

    /// <summary>The raw file text (Solr format), e.g. to send to Elasticsearch as-is.</summary>
    public static string ReadEmbeddedText()
    {
        using var stream = typeof(SynonymList).Assembly.GetManifestResourceStream("Marketplace.Search.Analysis.synonyms.txt")
            ?? throw new InvalidOperationException("synonyms.txt is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static SynonymList Parse(string text)
    {
        var groups = new List<IReadOnlyList<string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.Contains("=>", StringComparison.Ordinal))
            {
                throw new FormatException($"synonyms.txt: only equivalence groups are supported, not '=>' mappings: {line}");
            }

            groups.Add(line.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToList());
        }

        return new SynonymList(groups);
    }

    /// <summary>The other ways to say <paramref name="normalizedTerm"/> (itself included), or null when it has none.</summary>
    public IReadOnlyList<string>? Find(string normalizedTerm) =>
        _groupOf.TryGetValue(normalizedTerm, out var group) ? group : null;

    /// <summary>
    /// Lower case, accents removed (ASCII folding of Latin letters), every run of non-letter/digit characters
    /// (hyphens included) turned into one space, trimmed.
    /// </summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }
}
