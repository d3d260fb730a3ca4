using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Catalog.Taxonomy;

/// <summary>One of the 17 creative-economy sub-sectors (subsektor ekonomi kreatif); the code is the slug of its name.</summary>
internal sealed class Subsector
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameEn { get; set; } = "";

    public int SortOrder { get; set; }

    /// <summary>The official list (Perpres 72/2015, Kemenparekraf).</summary>
    public static IReadOnlyList<Subsector> All { get; } =
    [
        New("aplikasi", "Aplikasi", "Apps"),
        New("arsitektur", "Arsitektur", "Architecture"),
        New("desain-interior", "Desain Interior", "Interior design"),
        New("desain-komunikasi-visual", "Desain Komunikasi Visual", "Visual communication design"),
        New("desain-produk", "Desain Produk", "Product design"),
        New("fashion", "Fashion", "Fashion"),
        New("film-animasi-video", "Film, Animasi, dan Video", "Film, animation and video"),
        New("fotografi", "Fotografi", "Photography"),
        New("kriya", "Kriya", "Crafts"),
        New("kuliner", "Kuliner", "Culinary"),
        New("musik", "Musik", "Music"),
        New("pengembangan-permainan", "Pengembangan Permainan", "Game development"),
        New("penerbitan", "Penerbitan", "Publishing"),
        New("periklanan", "Periklanan", "Advertising"),
        New("seni-pertunjukan", "Seni Pertunjukan", "Performing arts"),
        New("seni-rupa", "Seni Rupa", "Fine arts"),
        New("televisi-dan-radio", "Televisi dan Radio", "Television and radio"),
    ];

    private static int _order;

    private static Subsector New(string code, string name, string nameEn) =>
        new() { Code = code, Name = name, NameEn = nameEn, SortOrder = ++_order };
}

internal sealed class SubsectorConfiguration : IEntityTypeConfiguration<Subsector>
{
    public void Configure(EntityTypeBuilder<Subsector> b)
    {
        b.ToTable("catalog_subsectors");
        b.HasKey(s => s.Code);
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Name).HasMaxLength(60);
        b.Property(s => s.NameEn).HasMaxLength(60);
    }
}
