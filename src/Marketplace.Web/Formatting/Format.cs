using System.Globalization;
using Marketplace.Web.Api;

namespace Marketplace.Web.Formatting;

/// <summary>
/// Money and times the way a shopper reads them. Amounts are integer minor units (rupiah × 100) and are formatted with
/// integer arithmetic only: whole units grouped in the shopper's language (<c>Rp25.000</c> in Indonesian,
/// <c>Rp25,000</c> in English), sen shown only when there are some.
/// </summary>
internal static class Format
{
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static string Money(Money money) => Money(money.Amount, money.Currency);

    public static string Money(long amount, string currency = "IDR", CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var negative = amount < 0;
        // Math.Abs(long.MinValue) overflows; no price is near it, but a formatter must not throw.
        var magnitude = negative ? (ulong)(-(amount + 1)) + 1 : (ulong)amount;
        var whole = magnitude / 100;
        var cents = magnitude % 100;
        var number = whole.ToString("#,0", culture);
        if (cents != 0)
        {
            number += culture.NumberFormat.NumberDecimalSeparator + cents.ToString("00", CultureInfo.InvariantCulture);
        }

        var symbol = string.Equals(currency, "IDR", StringComparison.OrdinalIgnoreCase) ? "Rp" : currency.ToUpperInvariant() + " ";
        return (negative ? "-" : "") + symbol + number;
    }

    /// <summary>A price range facet label: "Rp25.000 – Rp50.000", "≥ Rp100.000", "≤ Rp25.000".</summary>
    public static string PriceRange(long? from, long? to) => (from, to) switch
    {
        ({ } f, { } t) => $"{Money(f)} – {Money(t)}",
        ({ } f, null) => $"≥ {Money(f)}",
        (null, { } t) => $"< {Money(t)}",
        _ => "",
    };

    /// <summary>
    /// A moment in the exhibition's (or Jakarta's) time with the zone named — WIB, WITA or WIT — so a visitor abroad
    /// knows which clock is meant.
    /// </summary>
    public static string Time(DateTimeOffset moment, string? timeZone = null, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        var pattern = culture.TwoLetterISOLanguageName == "id" ? "d MMM yyyy, HH.mm" : "d MMM yyyy, HH:mm";
        return local.ToString(pattern, culture) + " " + ZoneName(zone.Id);
    }

    public static string Date(DateTimeOffset moment, string? timeZone = null, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return TimeZoneInfo.ConvertTime(moment, Zone(timeZone)).ToString("d MMM yyyy", culture);
    }

    public static string ZoneName(string zoneId) => zoneId switch
    {
        "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
        "Asia/Makassar" => "WITA",
        "Asia/Jayapura" => "WIT",
        _ => zoneId,
    };

    private static TimeZoneInfo Zone(string? id)
    {
        if (id is { Length: > 0 } && id != Jakarta.Id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return Jakarta;
    }
}
