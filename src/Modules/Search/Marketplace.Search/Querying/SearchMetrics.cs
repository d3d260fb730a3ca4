using System.Diagnostics.Metrics;

namespace Marketplace.Search.Querying;

/// <summary>
/// The module's meter (exported on <c>/metrics</c> by the host): product searches by what answered them — the
/// one-second result cache or the engine — so the cache's hit rate is measured, not guessed (bench/search reads it).
/// </summary>
internal sealed class SearchMetrics : IDisposable
{
    public const string MeterName = "Marketplace.Search";

    private readonly Meter _meter;
    private readonly Counter<long> _queries;

    public SearchMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _queries = _meter.CreateCounter<long>("marketplace.search.queries", "{query}", "Product searches by what answered them (cache, engine).");
    }

    public void Answered(bool byEngine) => _queries.Add(1, new KeyValuePair<string, object?>("answered_by", byEngine ? "engine" : "cache"));

    public void Dispose() => _meter.Dispose();
}
