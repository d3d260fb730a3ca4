namespace Marketplace.Web.Seller;

/// <summary>
/// Prices are typed in whole rupiah the way they are written in Indonesia ("25.000", "Rp 25.000", "25000"); the API takes
/// minor units (×100) as integers. Anything else (a decimal comma, letters, a minus sign) is passed on as an invalid amount
/// so the API names the field; nothing is rounded.
/// </summary>
public static class RupiahInput
{
    public const long MaxRupiah = 1_000_000_000_000;

    public static long? ToMinorUnits(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var text = typed.Trim();
        if (text.StartsWith("Rp", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..].TrimStart();
        }

        text = text.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (text.Length is 0 or > 13 || !text.All(char.IsAsciiDigit))
        {
            return -1; // the API refuses a negative amount and names the field
        }

        var rupiah = long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return rupiah > MaxRupiah ? -1 : rupiah * 100;
    }

    /// <summary>Minor units back to what a person types ("25000"), for a form that edits a price.</summary>
    public static string FromMinorUnits(long amount) => (amount / 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
