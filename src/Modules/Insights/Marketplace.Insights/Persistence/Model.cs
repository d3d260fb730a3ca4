using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Insights.Persistence;

/// <summary>The counters the events move, shared by the city cells and their province/country roll-ups.</summary>
internal abstract class CellCounters
{
    /// <summary>yyyymm in Asia/Jakarta time.</summary>
    public int Month { get; set; }

    public long Orders { get; set; }

    /// <summary>Paid gross merchandise value in minor units (rupiah × 100): order totals in the all cell, line totals per sub-sector.</summary>
    public long PaidGmv { get; set; }

    /// <summary>Distinct buyers in this cell (a buyer of three months counts in three cells).</summary>
    public long Buyers { get; set; }

    /// <summary>Buyers of this cell with a second paid order in it.</summary>
    public long RepeatBuyers { get; set; }

    public long BuyersOutsideCity { get; set; }

    public long BuyersOutsideProvince { get; set; }

    public long BuyersAbroad { get; set; }

    /// <summary>Booths the city's shops opened at exhibitions (any organiser).</summary>
    public long Booths { get; set; }

    public long Leads { get; set; }

    /// <summary>Paid orders with at least one line bought from a booth of the order's own shop.</summary>
    public long AttributedOrders { get; set; }

    public long AttributedSales { get; set; }
}

/// <summary>
/// The aggregate the insights answer from: per city/regency, sub-sector and month (Asia/Jakarta), the counters the
/// events moved. <see cref="Subsector"/> "" is the all-sub-sectors cell (an order touching two sub-sectors counts once
/// there and once in each of them), so totals never double count. Updated with one atomic upsert per event, never by
/// scanning orders.
/// </summary>
internal sealed class InsightsCell : CellCounters
{
    public const string AllSubsectors = "";

    public string CityCode { get; set; } = "";

    public string ProvinceCode { get; set; } = "";

    public string Subsector { get; set; } = "";
}

/// <summary>
/// The city cells summed per province (<see cref="Region"/> = its code) and for the whole country (<see cref="Region"/>
/// = <see cref="Country"/>), moved by the same upserts as the city cell, so a province or country summary reads a few
/// hundred rows instead of grouping every city's (≈ 210,000 cells at a million orders).
/// </summary>
internal sealed class InsightsRegionCell : CellCounters
{
    public const string Country = "";

    public string Region { get; set; } = "";

    public string Subsector { get; set; } = "";
}

/// <summary>Current-state counters per city and sub-sector ("" = all): active shops and published products.</summary>
internal sealed class InsightsListing
{
    public string CityCode { get; set; } = "";

    public string ProvinceCode { get; set; } = "";

    public string Subsector { get; set; } = "";

    public long ActiveShops { get; set; }

    public long ProductsListed { get; set; }
}

/// <summary>A buyer seen in a cell, and how many paid orders they placed in it (the second one makes a repeat buyer).</summary>
internal sealed class InsightsCellBuyer
{
    public string CityCode { get; set; } = "";

    public string Subsector { get; set; } = "";

    public int Month { get; set; }

    public Guid BuyerId { get; set; }

    public int Orders { get; set; }
}

/// <summary>What the insights know of a shop: where it is, what it makes, whether it is active (to apply deltas).</summary>
internal sealed class InsightsShop
{
    public Guid ShopId { get; set; }

    public string CityCode { get; set; } = "";

    /// <summary>Sub-sector codes, comma-separated (at most 17 short codes).</summary>
    public string Subsectors { get; set; } = "";

    public bool Active { get; set; }

    public long Version { get; set; }

    public IReadOnlyList<string> SubsectorList => Subsectors.Length == 0 ? [] : Subsectors.Split(',');
}

/// <summary>A product as counted in the listings: its city (its shop's) and sub-sector, and whether it is published.</summary>
internal sealed class InsightsProduct
{
    public Guid ProductId { get; set; }

    public Guid ShopId { get; set; }

    public string CityCode { get; set; } = "";

    public string Subsector { get; set; } = "";

    public bool Listed { get; set; }
}

/// <summary>A booth's shop, so a line bought "from a booth" counts as attributed only when it is that booth's shop's line.</summary>
internal sealed class InsightsBooth
{
    public Guid BoothId { get; set; }

    public Guid ShopId { get; set; }

    public Guid ExhibitionId { get; set; }
}

/// <summary>What a paid order added to the cells, so its cancellation can take exactly that back out.</summary>
internal sealed class InsightsOrder
{
    public Guid OrderId { get; set; }

    public string CityCode { get; set; } = "";

    public int Month { get; set; }

    /// <summary>"subsector=amount=attributed" entries joined by ';' ("" sub-sector = the all cell).</summary>
    public string Parts { get; set; } = "";

    public bool Cancelled { get; set; }
}

internal sealed class InsightsConfigurations :
    IEntityTypeConfiguration<InsightsCell>, IEntityTypeConfiguration<InsightsRegionCell>, IEntityTypeConfiguration<InsightsListing>, IEntityTypeConfiguration<InsightsCellBuyer>,
    IEntityTypeConfiguration<InsightsShop>, IEntityTypeConfiguration<InsightsProduct>, IEntityTypeConfiguration<InsightsBooth>,
    IEntityTypeConfiguration<InsightsOrder>
{
    public void Configure(EntityTypeBuilder<InsightsCell> b)
    {
        b.ToTable("insights_cells");
        b.HasKey(c => new { c.CityCode, c.Subsector, c.Month });
        b.Property(c => c.CityCode).HasMaxLength(10);
        b.Property(c => c.ProvinceCode).HasMaxLength(5);
        b.Property(c => c.Subsector).HasMaxLength(40);
        // The summary reads one sub-sector key over a range of months, everywhere or in one province.
        b.HasIndex(c => new { c.Subsector, c.Month, c.ProvinceCode });
    }

    public void Configure(EntityTypeBuilder<InsightsRegionCell> b)
    {
        b.ToTable("insights_region_cells");
        b.HasKey(c => new { c.Region, c.Subsector, c.Month });
        b.Property(c => c.Region).HasMaxLength(5);
        b.Property(c => c.Subsector).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<InsightsListing> b)
    {
        b.ToTable("insights_listings");
        b.HasKey(c => new { c.CityCode, c.Subsector });
        b.Property(c => c.CityCode).HasMaxLength(10);
        b.Property(c => c.ProvinceCode).HasMaxLength(5);
        b.Property(c => c.Subsector).HasMaxLength(40);
        b.HasIndex(c => new { c.Subsector, c.ProvinceCode });
    }

    public void Configure(EntityTypeBuilder<InsightsCellBuyer> b)
    {
        b.ToTable("insights_cell_buyers");
        b.HasKey(c => new { c.CityCode, c.Subsector, c.Month, c.BuyerId });
        b.Property(c => c.CityCode).HasMaxLength(10);
        b.Property(c => c.Subsector).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<InsightsShop> b)
    {
        b.ToTable("insights_shops");
        b.HasKey(s => s.ShopId);
        b.Property(s => s.CityCode).HasMaxLength(10);
        b.Property(s => s.Subsectors).HasMaxLength(800);
        b.Ignore(s => s.SubsectorList);
    }

    public void Configure(EntityTypeBuilder<InsightsProduct> b)
    {
        b.ToTable("insights_products");
        b.HasKey(p => p.ProductId);
        b.Property(p => p.CityCode).HasMaxLength(10);
        b.Property(p => p.Subsector).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<InsightsBooth> b)
    {
        b.ToTable("insights_booths");
        b.HasKey(x => x.BoothId);
    }

    public void Configure(EntityTypeBuilder<InsightsOrder> b)
    {
        b.ToTable("insights_orders");
        b.HasKey(o => o.OrderId);
        b.Property(o => o.CityCode).HasMaxLength(10);
        b.Property(o => o.Parts).HasMaxLength(2000);
    }
}
