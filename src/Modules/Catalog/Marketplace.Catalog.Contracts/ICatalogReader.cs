namespace Marketplace.Catalog.Contracts;

/// <summary>The Catalog's read side for other modules. Other modules never read Catalog tables directly.</summary>
public interface ICatalogReader
{
    Task<ShopSummary?> GetShopAsync(Guid shopId, CancellationToken ct);

    /// <summary>The shops with these ids that exist, in one query (a checkout's shops); unknown ids are left out.</summary>
    Task<IReadOnlyList<ShopSummary>> GetShopsAsync(IReadOnlyCollection<Guid> shopIds, CancellationToken ct);

    Task<IReadOnlyList<ShopSummary>> GetShopsOwnedByAsync(Guid ownerId, CancellationToken ct);

    /// <summary>The products with these ids that exist (deleted ones included, with status Deleted); unknown ids are left out.</summary>
    Task<IReadOnlyList<ProductSummary>> GetProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>The search documents of these products (searchable or not) in two queries; unknown ids are left out.</summary>
    Task<IReadOnlyList<ProductSearchDocument>> GetSearchDocumentsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>Every product's search document (searchable or not), in id order, for a full reindex.</summary>
    IAsyncEnumerable<ProductSearchDocument> StreamSearchDocumentsAsync(CancellationToken ct);

    /// <summary>Ids of all products of a shop (for reindexing after a shop change).</summary>
    Task<IReadOnlyList<Guid>> GetProductIdsOfShopAsync(Guid shopId, CancellationToken ct);
}

/// <summary>Taxonomy look-ups: the 17 creative-economy sub-sectors, provinces and cities/regencies.</summary>
public interface ITaxonomy
{
    Task<SubsectorInfo?> FindSubsectorAsync(string code, CancellationToken ct);

    Task<CityInfo?> FindCityAsync(string code, CancellationToken ct);

    /// <summary>Every city/regency (514), in code order — e.g. for a data set that covers the country.</summary>
    Task<IReadOnlyList<CityInfo>> ListCitiesAsync(CancellationToken ct);

    /// <summary>The 17 sub-sectors, in their display order.</summary>
    Task<IReadOnlyList<SubsectorInfo>> ListSubsectorsAsync(CancellationToken ct);
}
