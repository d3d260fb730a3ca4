using System.Diagnostics.Metrics;

namespace Marketplace.Exhibitions.Visits;

/// <summary>The module's meter (exported on <c>/metrics</c> by the host): what happened to visit requests.</summary>
internal sealed class VisitMetrics : IDisposable
{
    public const string MeterName = "Marketplace.Exhibitions";

    private readonly Meter _meter;
    private readonly Counter<long> _visits;

    public VisitMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _visits = _meter.CreateCounter<long>("marketplace.exhibitions.visits", "{visit}", "Booth visit requests by outcome (counted, deduplicated, rate_limited).");
    }

    public void Visit(string outcome) => _visits.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
