using System.Globalization;
using System.Text;

namespace Marketplace.SharedKernel.Text;

/// <summary>URL slugs: lower-case ASCII letters and digits joined by single hyphens ("Batik Tulis Malang" → "batik-tulis-malang").</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                AppendChar(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                AppendChar(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = builder.Length > 0;
            }

            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        return builder.ToString().Trim('-');

        void AppendChar(char c)
        {
            if (pendingHyphen)
            {
                builder.Append('-');
                pendingHyphen = false;
            }

            builder.Append(c);
        }
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength
        && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
}
