using System.Globalization;

namespace Marketplace.Web.Components.Charts;

/// <summary>One value of a chart: its label (a booth, a day, a sub-sector) and a whole number (visits, rupiah minor units).</summary>
public sealed record ChartPoint(string Label, long Value);

/// <summary>A bar or column placed on the SVG canvas, in canvas units.</summary>
public sealed record ChartBar(string Label, long Value, double X, double Y, double Width, double Height);

/// <summary>
/// The geometry of a chart, apart from its markup so it can be tested: a "nice" axis maximum (1, 2 or 5 × 10ⁿ, so the
/// gridlines fall on round numbers), the gridline values, and each bar's rectangle. Integer values in, doubles only for
/// drawing — the numbers shown are always the exact integers.
/// </summary>
public static class ChartLayout
{
    public const double Width = 600;
    public const double BarHeight = 22;
    public const double BarGap = 8;
    public const double LabelWidth = 170;
    public const double ColumnAreaHeight = 200;
    public const double Top = 8;
    public const double AxisHeight = 24;

    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at least <paramref name="max"/> (1 for an empty or all-zero chart).</summary>
    public static long NiceMax(long max)
    {
        if (max <= 1)
        {
            return 1;
        }

        long magnitude = 1;
        while (magnitude <= max / 10)
        {
            magnitude *= 10;
        }

        foreach (var step in new long[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>Gridline values from 0 to <paramref name="niceMax"/> in <paramref name="count"/> equal whole steps where possible.</summary>
    public static IReadOnlyList<long> Ticks(long niceMax, int count = 4)
    {
        var ticks = new List<long>(count + 1);
        for (var i = 0; i <= count; i++)
        {
            var value = niceMax * i / count;
            if (ticks.Count == 0 || ticks[^1] != value)
            {
                ticks.Add(value);
            }
        }

        return ticks;
    }

    /// <summary>Horizontal bars, one row per point, scaled to the nice maximum; negative values are drawn as zero.</summary>
    public static IReadOnlyList<ChartBar> Bars(IReadOnlyList<ChartPoint> points, long niceMax)
    {
        var plot = Width - LabelWidth - 60;
        return points.Select((p, i) => new ChartBar(p.Label, p.Value, LabelWidth, Top + (i * (BarHeight + BarGap)),
            Math.Max(0, p.Value) * plot / niceMax, BarHeight)).ToList();
    }

    public static double BarsHeight(int count) => Top + (count * (BarHeight + BarGap)) + AxisHeight;

    /// <summary>Vertical columns over time (days, months), equally spaced across the plot.</summary>
    public static IReadOnlyList<ChartBar> Columns(IReadOnlyList<ChartPoint> points, long niceMax)
    {
        if (points.Count == 0)
        {
            return [];
        }

        var left = 60.0;
        var slot = (Width - left - 10) / points.Count;
        var width = Math.Max(1, slot * 0.7);
        return points.Select((p, i) =>
        {
            var height = Math.Max(0, p.Value) * ColumnAreaHeight / niceMax;
            return new ChartBar(p.Label, p.Value, left + (i * slot) + ((slot - width) / 2), Top + ColumnAreaHeight - height, width, height);
        }).ToList();
    }

    /// <summary>Which column labels to print so they do not overlap: every n-th, always the first and the last.</summary>
    public static bool ShowColumnLabel(int index, int count)
    {
        var every = Math.Max(1, (int)Math.Ceiling(count / 8.0));
        return index == 0 || index == count - 1 || (index % every == 0 && count - 1 - index >= every / 2.0);
    }

    public static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
