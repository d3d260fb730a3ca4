using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Text;

/// <summary>URL slugs: lower-case ASCII letters and digits joined by single hyphens ("Batik Tulis Malang" → "batik-tulis-malang").</summary>
public static class Slug
{
    public const int MaxLength = 80;

    /// <summary>
    /// A slug made from <paramref name="text"/> (or <paramref name="fallback"/> when it has no letters or digits) that none
    /// of <paramref name="existing"/> uses yet: "pempek-cek-sri", else "pempek-cek-sri-2", "-3", … The unique index on
    /// the column still decides a race between two creators; this only picks a free candidate.
    /// </summary>
    public static async Task<string> UniqueAsync(IQueryable<string> existing, string text, string fallback, CancellationToken ct)
    {
        var baseSlug = From(text);
        if (baseSlug.Length == 0)
        {
            baseSlug = fallback;
        }

        baseSlug = baseSlug.Length > MaxLength - 6 ? baseSlug[..(MaxLength - 6)].TrimEnd('-') : baseSlug;
        var prefix = baseSlug + "-";
        var taken = (await existing.Where(s => s == baseSlug || s.StartsWith(prefix)).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

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
