namespace Marketplace.Web.Components.Charts;

/// <summary>Horizontal bars for categories (booths, sub-sectors), vertical columns for time (days, months).</summary>
public enum ChartKind
{
    Bars,
    Columns,
}
