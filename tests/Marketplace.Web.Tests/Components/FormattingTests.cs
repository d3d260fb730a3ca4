using System.Globalization;
using Marketplace.Web.Formatting;

namespace Marketplace.Web.Tests.Components;

public sealed class FormattingTests
{
    private static readonly CultureInfo Indonesian = new("id");
    private static readonly CultureInfo English = new("en");

    [Theory]
    [InlineData(2_500_000L, "Rp25.000")]
    [InlineData(0L, "Rp0")]
    [InlineData(100L, "Rp1")]
    [InlineData(2_500_050L, "Rp25.000,50")]
    [InlineData(123_456_789_00L, "Rp123.456.789")]
    [InlineData(-2_500_000L, "-Rp25.000")]
    public void Rupiah_amounts_in_minor_units_read_as_Indonesians_write_them(long amount, string expected) =>
        Assert.Equal(expected, Format.Money(amount, "IDR", Indonesian));

    [Fact]
    public void English_groups_with_commas_and_keeps_the_rupiah_sign() =>
        Assert.Equal("Rp25,000", Format.Money(2_500_000, "IDR", English));

    [Fact]
    public void Extreme_amounts_format_without_overflow()
    {
        Assert.StartsWith("-Rp", Format.Money(long.MinValue, "IDR", Indonesian), StringComparison.Ordinal);
        Assert.StartsWith("Rp", Format.Money(long.MaxValue, "IDR", Indonesian), StringComparison.Ordinal);
    }

    [Fact]
    public void Other_currencies_are_named_by_their_code() =>
        Assert.Equal("USD 12.50", Format.Money(1250, "usd", English));

    [Fact]
    public void Times_are_shown_in_Jakarta_with_the_zone_named_whatever_the_server_clock()
    {
        var moment = new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal("28 Nov 2026, 09.00 WIB", Format.Time(moment, null, Indonesian));
        Assert.Equal("28 Nov 2026, 09:00 WIB", Format.Time(moment, "Asia/Jakarta", English));
        Assert.Equal("28 Nov 2026, 10.00 WITA", Format.Time(moment, "Asia/Makassar", Indonesian));
        Assert.Equal("28 Nov 2026, 11.00 WIT", Format.Time(moment, "Asia/Jayapura", Indonesian));
    }

    [Fact]
    public void December_is_Des_in_Indonesian() =>
        Assert.Equal("12 Des 2026", Format.Date(new DateTimeOffset(2026, 12, 12, 5, 0, 0, TimeSpan.Zero), null, Indonesian));

    [Theory]
    [InlineData("Pempek Kapal Selam (isi 5)", "pempek-kapal-selam-isi-5")]
    [InlineData("Kopi Lanang — Dampit", "kopi-lanang-dampit")]
    [InlineData("Café Crème", "cafe-creme")]
    [InlineData("<script>", "script")]
    [InlineData("!!!", "p")]
    public void Product_slugs_are_readable_ascii(string name, string slug) => Assert.Equal(slug, Links.Slug(name));

    [Theory]
    [InlineData("/cart", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_local_return_urls_are_followed(string? url, bool local) => Assert.Equal(local, Links.IsLocal(url));
}
