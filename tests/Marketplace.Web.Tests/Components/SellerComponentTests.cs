using Bunit;
using Marketplace.Web.Components.Pages.Seller;
using Marketplace.Web.Localization;
using Marketplace.Web.Seller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Tests.Components;

/// <summary>The seller centre's components with logic: the server-drawn chart, the story editor, rupiah typed by a person.</summary>
public sealed class SellerComponentTests : BunitContext
{
    public SellerComponentTests()
    {
        Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        Services.AddSingleton(typeof(IStringLocalizer<>), typeof(JsonStringLocalizer<>));
    }

    [Fact]
    public void A_bar_chart_draws_one_bar_per_point_scaled_to_the_largest_and_lists_the_numbers_for_screen_readers()
    {
        var cut = Render<BarChart>(p => p
            .Add(x => x.Id, "visits")
            .Add(x => x.Title, "Visits by day")
            .Add(x => x.Points, [new BarChart.ChartPoint("28/11", 50), new BarChart.ChartPoint("29/11", 100), new BarChart.ChartPoint("30/11", 0)]));

        var bars = cut.FindAll("svg rect");
        Assert.Equal(3, bars.Count);
        var heights = bars.Select(b => double.Parse(b.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heights[1] / 2, heights[0], 3);
        Assert.Equal(0, heights[2]);
        Assert.Equal("true", cut.Find("svg").GetAttribute("aria-hidden"));
        var rows = cut.FindAll("table tbody tr");
        Assert.Equal(["28/11", "29/11", "30/11"], rows.Select(r => r.QuerySelector("th")!.TextContent));
    }

    [Fact]
    public void A_chart_label_is_text_never_markup()
    {
        var cut = Render<BarChart>(p => p
            .Add(x => x.Id, "leads")
            .Add(x => x.Title, "Leads")
            .Add(x => x.Points, [new BarChart.ChartPoint("<script>alert(1)</script>", 3)]));

        Assert.DoesNotContain("<script>", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_without_numbers_says_so_instead_of_drawing_nothing()
    {
        var cut = Render<BarChart>(p => p.Add(x => x.Id, "sales").Add(x => x.Title, "Sales").Add(x => x.Points, [new BarChart.ChartPoint("30/11", 0)]));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Single(cut.FindAll("figure p.small"));
    }

    [Fact]
    public void The_story_editor_is_a_labelled_textarea_whose_toolbar_waits_for_its_script()
    {
        var cut = Render<RichTextArea>(p => p.Add(x => x.Id, "story").Add(x => x.Name, "Form.Story").Add(x => x.Value, "<p>Kemplang</p>"));

        Assert.Equal("Form.Story", cut.Find("textarea#story").GetAttribute("name"));
        Assert.Equal("<p>Kemplang</p>", cut.Find("textarea#story").TextContent);
        Assert.True(cut.Find(".rte-bar").HasAttribute("hidden"));
        Assert.Empty(cut.FindAll(".rte-preview")); // no preview of text the API has not sanitized
    }

    [Theory]
    [InlineData("25.000", 2_500_000L)]
    [InlineData("Rp 25.000", 2_500_000L)]
    [InlineData("rp25000", 2_500_000L)]
    [InlineData("0", 0L)]
    [InlineData("1.000.000.000.000", 100_000_000_000_000L)]
    [InlineData("25,5", -1L)]
    [InlineData("-5", -1L)]
    [InlineData("dua puluh", -1L)]
    [InlineData("10.000.000.000.001", -1L)]
    [InlineData("٣٤", -1L)]
    public void Rupiah_typed_by_a_person_become_minor_units_or_an_amount_the_API_refuses(string typed, long expected)
    {
        Assert.Equal(expected, RupiahInput.ToMinorUnits(typed));
    }

    [Fact]
    public void Nothing_typed_is_no_amount()
    {
        Assert.Null(RupiahInput.ToMinorUnits("  "));
        Assert.Equal("25000", RupiahInput.FromMinorUnits(2_500_000));
    }
}
