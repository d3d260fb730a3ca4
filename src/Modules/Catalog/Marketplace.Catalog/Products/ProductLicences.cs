using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Catalog.Products;

/// <summary>
/// Food and cosmetics licence numbers, accepted as merchants copy them from their labels (with the label's words,
/// dots, spaces and dashes, in any case) and stored in one normalized form, so equal numbers compare equal. Responses
/// carry the stored form and, where labels print it differently, the printed form beside it.
/// </summary>
internal static partial class ProductLicences
{
    public const int PirtDigits = 15;

    /// <summary>
    /// P-IRT (Sertifikat Produksi Pangan Industri Rumah Tangga): 15 digits, printed "P-IRT No. 2063573010123-25" (the
    /// last two digits, after the dash, are the year the certificate lapses). Accepts "2063573010123-25",
    /// "P-IRT No. 206357301012325", "PIRT: 2.06.3573.01.0123-25" and the like; stores the 15 digits.
    /// </summary>
    public static bool TryNormalizePirt(string? input, out string digits)
    {
        digits = "";
        if (input is null)
        {
            return false;
        }

        var rest = PirtLabel().Replace(input.Trim(), "");
        if (!DigitsWithSeparators().IsMatch(rest))
        {
            return false;
        }

        var onlyDigits = KeepDigits(rest);
        if (onlyDigits.Length != PirtDigits)
        {
            return false;
        }

        digits = onlyDigits;
        return true;
    }

    /// <summary>The printed form, "P-IRT No. 2063573010123-25"; a stored value of another shape is shown as stored.</summary>
    public static string? DisplayPirt(string? stored) =>
        stored is null ? null
        : TryNormalizePirt(stored, out var digits) ? $"P-IRT No. {digits[..13]}-{digits[13..]}"
        : stored;

    /// <summary>
    /// Halal certificate of BPJPH (since 2019 every certificate number starts with ID, then digits, e.g.
    /// ID35110000123450521), printed as it is stored. Accepts lower case, spaces, dots and dashes, and a leading
    /// "Sertifikat Halal No." label; stores "ID" and the digits.
    /// </summary>
    public static bool TryNormalizeHalal(string? input, out string number)
    {
        number = "";
        if (input is null)
        {
            return false;
        }

        var rest = HalalLabel().Replace(input.Trim(), "");
        var compact = Separators().Replace(rest, "").ToUpperInvariant();
        if (!HalalNumber().IsMatch(compact))
        {
            return false;
        }

        number = compact;
        return true;
    }

    /// <summary>
    /// BPOM registration: a category (MD local food, ML imported food, SD/SI supplements, TR/TI traditional medicine,
    /// NA–NE notified cosmetics) and 9 to 15 digits, printed "BPOM RI MD 224510101234". Accepts "MD 224510101234",
    /// "md224510101234", "BPOM RI MD 2245.1010.1234" and the like; stores "MD224510101234".
    /// </summary>
    public static bool TryNormalizeBpom(string? input, out string number)
    {
        number = "";
        if (input is null)
        {
            return false;
        }

        var rest = BpomLabel().Replace(input.Trim(), "");
        var match = BpomNumber().Match(rest);
        if (!match.Success)
        {
            return false;
        }

        var digits = KeepDigits(match.Groups["digits"].Value);
        if (digits.Length is < 9 or > 15)
        {
            return false;
        }

        number = match.Groups["category"].Value.ToUpperInvariant() + digits;
        return true;
    }

    /// <summary>The printed form, "BPOM RI MD 224510101234"; a stored value of another shape is shown as stored.</summary>
    public static string? DisplayBpom(string? stored) =>
        stored is null ? null
        : TryNormalizeBpom(stored, out var number) ? $"BPOM RI {number[..2]} {number[2..]}"
        : stored;

    private static string KeepDigits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // "P-IRT No.", "PIRT:", "P.IRT Nomor", "SPP-IRT No." ... before the number (NOMOR before NO, or NO would take its first letters).
    [GeneratedRegex(@"^(SP)?P[\s.\-]*IRT\s*(NOMOR|NO\.?|NR\.?)?\s*[:.]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PirtLabel();

    [GeneratedRegex(@"^(SERTIFIKAT\s+)?HALAL\s*(NOMOR|NO\.?)?\s*[:.]?\s*|^(NOMOR|NO\.?)\s*[:.]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HalalLabel();

    // "BPOM RI", "Badan POM RI", "POM RI", "BPOM No." ... before the category.
    [GeneratedRegex(@"^((BADAN\s+)?B?POM)(\s*RI)?\s*(NOMOR|NO\.?)?\s*[:.]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BpomLabel();

    [GeneratedRegex(@"^[0-9]([0-9]|[\s.\-/])*[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsWithSeparators();

    [GeneratedRegex(@"[\s.\-]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^ID[0-9]{10,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex HalalNumber();

    [GeneratedRegex(@"^(?<category>MD|ML|SD|SI|TR|TI|NA|NB|NC|ND|NE)[\s.\-]*(?<digits>[0-9]([0-9]|[\s.\-])*[0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BpomNumber();
}
