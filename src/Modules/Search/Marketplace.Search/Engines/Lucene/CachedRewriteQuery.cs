using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// A query whose rewrite is remembered per index reader: a fuzzy word's expansion (walking the term dictionary of every
/// segment with a Levenshtein automaton, ~8 ms per query at 100,000 products) is the same for every query that has the
/// word, until the searcher is refreshed. The cache belongs to the reader (a new reader after a refresh starts empty,
/// so a new product's terms are found) and holds the rewritten query — the terms and boosts, not results.
/// </summary>
internal sealed class CachedRewriteQuery(Query inner) : Query
{
    private const int MaxPerReader = 50_000;
    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<Query, Query>> Rewrites = [];

    private Query Inner { get; } = inner;

    public override Query Rewrite(IndexReader reader)
    {
        var cache = Rewrites.GetValue(reader, _ => new ConcurrentDictionary<Query, Query>());
        if (cache.TryGetValue(Inner, out var rewritten))
        {
            return rewritten;
        }

        if (cache.Count >= MaxPerReader)
        {
            cache.Clear();
        }

        rewritten = Inner;
        for (var next = Inner.Rewrite(reader); next != rewritten; next = rewritten.Rewrite(reader))
        {
            rewritten = next;
        }

        return cache.GetOrAdd(Inner, rewritten);
    }

    public override string ToString(string field) => Inner.ToString(field);

    public override bool Equals(object? obj) => obj is CachedRewriteQuery other && Inner.Equals(other.Inner);

    public override int GetHashCode() => Inner.GetHashCode() ^ 0x5bd1e995;
}

/// <summary>
/// A fuzzy query whose Levenshtein automata are built once per word and edit distance, not once per field and reader:
/// Lucene builds and compiles them (up to three, one per distance) at every rewrite, and a word is rewritten in three
/// fields, again after every refresh of the reader. The automata depend only on the word, the prefix length and
/// transpositions; they are built here exactly as <see cref="FuzzyTermsEnum"/> would and handed to it through its
/// attribute, which it reads before building its own. Compiled automata are read-only once built (Lucene shares
/// them across segments).
/// </summary>
internal sealed class SharedAutomataFuzzyQuery(Term term, int maxEdits, int prefixLength, int maxExpansions, bool transpositions)
    : FuzzyQuery(term, maxEdits, prefixLength, maxExpansions, transpositions)
{
    private const int MaxWords = 10_000;
    private static readonly ConcurrentDictionary<(string Text, int MaxEdits, int Prefix, bool Transpositions), CompiledAutomaton[]> Built = new();

    protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts)
    {
        if (MaxEdits > 0 && PrefixLength < Term.Text.Length) // else Lucene matches the exact term only
        {
            var automata = atts.AddAttribute<FuzzyTermsEnum.ILevenshteinAutomataAttribute>().Automata;
            if (automata.Count == 0)
            {
                foreach (var automaton in Automata(Term.Text, MaxEdits, PrefixLength, Transpositions))
                {
                    automata.Add(automaton);
                }
            }
        }

        return base.GetTermsEnum(terms, atts);
    }

    private static CompiledAutomaton[] Automata(string text, int maxEdits, int prefixLength, bool transpositions)
    {
        var key = (text, maxEdits, prefixLength, transpositions);
        if (Built.TryGetValue(key, out var built))
        {
            return built;
        }

        // As FuzzyTermsEnum.InitAutomata: distances 0..maxEdits over the code points after the prefix, the prefix fixed.
        var codePoints = text.EnumerateRunes().Select(r => r.Value).ToArray();
        var prefix = Math.Min(prefixLength, codePoints.Length);
        var builder = new LevenshteinAutomata(UnicodeUtil.NewString(codePoints, prefix, codePoints.Length - prefix), transpositions);
        built = new CompiledAutomaton[maxEdits + 1];
        for (var distance = 0; distance <= maxEdits; distance++)
        {
            var automaton = builder.ToAutomaton(distance);
            if (prefix > 0)
            {
                automaton = BasicOperations.Concatenate(BasicAutomata.MakeString(UnicodeUtil.NewString(codePoints, 0, prefix)), automaton);
            }

            built[distance] = new CompiledAutomaton(automaton, true, false);
        }

        if (Built.Count >= MaxWords)
        {
            Built.Clear();
        }

        return Built.GetOrAdd(key, built);
    }
}
