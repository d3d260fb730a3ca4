using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Catalog.Taxonomy;

/// <summary>A province, by its official two-digit code.</summary>
internal sealed class Province
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>A city (kota) or regency (kabupaten), by its official code <c>PP.RR</c>.</summary>
internal sealed class City
{
    public string Code { get; set; } = "";

    public string ProvinceCode { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Lower-case name for case-insensitive search on every store.</summary>
    public string SearchName { get; set; } = "";
}

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.ToTable("catalog_provinces");
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(2);
        b.Property(p => p.Name).HasMaxLength(100);
    }
}

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> b)
    {
        b.ToTable("catalog_cities");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(5);
        b.Property(c => c.ProvinceCode).HasMaxLength(2);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.SearchName).HasMaxLength(100);
        b.HasIndex(c => c.ProvinceCode);
    }
}

/// <summary>Reads the shipped region files (see Data/SOURCE.md) into display-ready names.</summary>
internal static class RegionData
{
    private static readonly TextInfo Indonesian = CultureInfo.GetCultureInfo("id-ID").TextInfo;

    public static IReadOnlyList<Province> Provinces() =>
        ReadCsv("provinces.csv").Select(r => new Province { Code = r[0], Name = DisplayName(r[1]) }).ToList();

    public static IReadOnlyList<City> Cities() =>
        ReadCsv("regencies.csv").Select(r =>
        {
            var name = DisplayName(r[2]);
            return new City { Code = r[0], ProvinceCode = r[1], Name = name, SearchName = name.ToLowerInvariant() };
        }).ToList();

    /// <summary>"KOTA PALEMBANG" → "Kota Palembang"; keeps the acronyms DKI and DI upper-case.</summary>
    public static string DisplayName(string upper)
    {
        var words = Indonesian.ToTitleCase(upper.Trim().ToLowerInvariant()).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] is "Dki" or "Di")
            {
                words[i] = words[i].ToUpperInvariant();
            }
        }

        return string.Join(' ', words);
    }

    private static IEnumerable<string[]> ReadCsv(string file)
    {
        var assembly = typeof(RegionData).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        _ = reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                // The files have no quoted fields: names contain no commas.
                yield return line.Split(',');
            }
        }
    }
}
