using Bunit;
using Marketplace.Web.Components.Charts;
using Marketplace.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Tests.Components;

/// <summary>The server-drawn charts: round gridlines, bars in proportion, and the exact numbers in a table beside them.</summary>
public sealed class ChartTests : BunitContext
{
    public ChartTests()
    {
        // Every component gets the localizer through _Imports.razor.
        Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        Services.AddSingleton(typeof(IStringLocalizer<>), typeof(JsonStringLocalizer<>));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 20)]
    [InlineData(199, 200)]
    [InlineData(201, 500)]
    [InlineData(501, 1000)]
    [InlineData(2_500_000_00, 5_000_000_00)]
    public void The_axis_ends_on_a_round_number_at_or_above_the_largest_value(long max, long expected) =>
        Assert.Equal(expected, ChartLayout.NiceMax(max));

    [Fact]
    public void Gridlines_are_equal_whole_steps_from_zero()
    {
        Assert.Equal([0L, 50, 100, 150, 200], ChartLayout.Ticks(200));
        Assert.Equal([0L, 1], ChartLayout.Ticks(1));
    }

    [Fact]
    public void Bars_are_in_proportion_and_a_negative_value_draws_nothing()
    {
        var bars = ChartLayout.Bars([new ChartPoint("a", 100), new ChartPoint("b", 50), new ChartPoint("c", -5)], 100);

        Assert.Equal(bars[0].Width / 2, bars[1].Width, 6);
        Assert.Equal(0, bars[2].Width);
        Assert.True(bars[1].Y > bars[0].Y);
    }

    [Fact]
    public void Column_labels_skip_so_thirty_days_do_not_overlap_but_keep_the_first_and_last()
    {
        var shown = Enumerable.Range(0, 30).Where(i => ChartLayout.ShowColumnLabel(i, 30)).ToList();

        Assert.Contains(0, shown);
        Assert.Contains(29, shown);
        Assert.InRange(shown.Count, 2, 10);
    }

    [Fact]
    public void The_chart_is_hidden_from_screen_readers_and_its_numbers_are_a_table_beside_it()
    {
        var chart = Render<SvgChart>(p => p
            .Add(c => c.Id, "sales")
            .Add(c => c.Title, "Penjualan per hari")
            .Add(c => c.Kind, ChartKind.Columns)
            .Add(c => c.LabelHeading, "Tanggal")
            .Add(c => c.ValueHeading, "Penjualan")
            .Add(c => c.Format, v => "Rp" + (v / 100).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .Add(c => c.Points, [new ChartPoint("2026-11-29", 1_250_000_00), new ChartPoint("2026-11-30", 0)]));

        Assert.Equal("true", chart.Find("svg").GetAttribute("aria-hidden"));
        Assert.Equal(2, chart.FindAll("svg rect.bar").Count);
        Assert.Equal("sales-title", chart.Find("figure").GetAttribute("aria-labelledby"));
        var rows = chart.FindAll("table tbody tr");
        Assert.Equal("2026-11-29", rows[0].QuerySelector("th")!.TextContent);
        Assert.Equal("Rp1,250,000", rows[0].QuerySelector("td")!.TextContent);
        Assert.Contains("29/11", chart.Find("svg").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_chart_says_so_instead_of_drawing_axes()
    {
        var chart = Render<SvgChart>(p => p.Add(c => c.Id, "none").Add(c => c.Title, "Kosong").Add(c => c.Empty, "Belum ada data.").Add(c => c.Points, []));

        Assert.Empty(chart.FindAll("svg"));
        Assert.Contains("Belum ada data.", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_from_merchants_are_text_not_markup()
    {
        var chart = Render<SvgChart>(p => p.Add(c => c.Id, "x").Add(c => c.Title, "Booth")
            .Add(c => c.Points, [new ChartPoint("<script>alert(1)</script>", 3)]));

        Assert.DoesNotContain("<script>", chart.Markup, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", chart.Markup, StringComparison.Ordinal);
    }
}
