using Bunit;
using Marketplace.Web.Components.Pages.Seller;
using Marketplace.Web.Localization;
using Marketplace.Web.Seller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Tests.Components;

/// <summary>The seller centre's components with logic: the story editor, rupiah typed by a person.</summary>
public sealed class SellerComponentTests : BunitContext
{
    public SellerComponentTests()
    {
        Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        Services.AddSingleton(typeof(IStringLocalizer<>), typeof(JsonStringLocalizer<>));
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
