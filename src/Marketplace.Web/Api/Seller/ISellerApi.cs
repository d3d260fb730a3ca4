using Refit;

namespace Marketplace.Web.Api.Seller;

/// <summary>
/// The part of the public /api/v1 the seller centre and the admin pages use (merchants' shops, products, orders, vouchers,
/// booths, leads, money; admins' moderation). Its own interface and JSON context beside <see cref="IMarketplaceApi"/> so the
/// shopper pages and these grow apart without touching one file; the same handlers add the token and language.
/// </summary>
internal interface ISellerApi
{
    // Storefront
    [Get("/api/v1/me/shops")]
    Task<IReadOnlyList<SellerShop>> MyShopsAsync(CancellationToken ct = default);

    [Post("/api/v1/shops")]
    Task<SellerShop> CreateShopAsync([Body] ShopInput input, CancellationToken ct = default);

    [Patch("/api/v1/shops/{id}")]
    Task<SellerShop> UpdateShopAsync(Guid id, [Body] ShopInput input, CancellationToken ct = default);

    [Put("/api/v1/shops/{id}/logo")]
    Task<MediaImage> PutShopLogoAsync(Guid id, [Body] HttpContent image, string alt, string? altEn, CancellationToken ct = default);

    [Put("/api/v1/shops/{id}/banner")]
    Task<MediaImage> PutShopBannerAsync(Guid id, [Body] HttpContent image, string alt, string? altEn, CancellationToken ct = default);

    // Products
    [Get("/api/v1/shops/by-slug/{slug}/products")]
    Task<Paged<SellerProduct>> ShopProductsAsync(string slug, string? status, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/products/{id}")]
    Task<SellerProduct> ProductAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/products/{id}/images")]
    Task<IReadOnlyList<MediaImage>> ProductPhotosAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/shops/{shopId}/products")]
    Task<SellerProduct> CreateProductAsync(Guid shopId, [Body] ProductInput input, CancellationToken ct = default);

    [Patch("/api/v1/products/{id}")]
    Task<SellerProduct> UpdateProductAsync(Guid id, [Body] ProductInput input, CancellationToken ct = default);

    [Put("/api/v1/products/{id}/stock")]
    Task<SellerProduct> SetStockAsync(Guid id, [Body] StockInput input, CancellationToken ct = default);

    [Post("/api/v1/products/{id}/publish")]
    Task<SellerProduct> PublishAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/products/{id}/unpublish")]
    Task<SellerProduct> UnpublishAsync(Guid id, CancellationToken ct = default);

    [Put("/api/v1/products/{id}/images")]
    Task<MediaImage> PutProductPhotoAsync(Guid id, [Body] HttpContent image, string alt, string? altEn, CancellationToken ct = default);

    [Put("/api/v1/products/{id}/images/order")]
    Task<IReadOnlyList<MediaImage>> ReorderProductPhotosAsync(Guid id, [Body] ReorderImages input, CancellationToken ct = default);

    [Patch("/api/v1/media/images/{imageId}")]
    Task<MediaImage> DescribeImageAsync(Guid imageId, [Body] DescribeImage input, CancellationToken ct = default);

    [Post("/api/v1/media/images/{imageId}/cover")]
    Task<MediaImage> MakeCoverAsync(Guid imageId, CancellationToken ct = default);

    [Delete("/api/v1/media/images/{imageId}")]
    Task DeleteImageAsync(Guid imageId, CancellationToken ct = default);

    // Orders
    [Get("/api/v1/shops/{shopId}/orders")]
    Task<Paged<SellerOrder>> ShopOrdersAsync(Guid shopId, string? status, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/orders/{id}")]
    Task<SellerOrder> OrderAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/orders/{id}/confirm-payment")]
    Task<SellerOrder> ConfirmPaymentAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/orders/{id}/ship")]
    Task<SellerOrder> ShipAsync(Guid id, [Body] ShipInput input, CancellationToken ct = default);

    [Post("/api/v1/orders/{id}/cancel")]
    Task<SellerOrder> CancelAsync(Guid id, [Body] CancelOrderRequest input, CancellationToken ct = default);

    // Vouchers
    [Get("/api/v1/shops/{shopId}/vouchers")]
    Task<IReadOnlyList<SellerVoucher>> VouchersAsync(Guid shopId, CancellationToken ct = default);

    [Post("/api/v1/shops/{shopId}/vouchers")]
    Task<SellerVoucher> CreateVoucherAsync(Guid shopId, [Body] VoucherInput input, CancellationToken ct = default);

    // Exhibitions and booths
    [Get("/api/v1/exhibitions")]
    Task<Paged<Exhibition>> ExhibitionsAsync(string? status, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}")]
    Task<Exhibition> ExhibitionAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/me/booth-applications")]
    Task<IReadOnlyList<BoothApplication>> MyApplicationsAsync(CancellationToken ct = default);

    [Post("/api/v1/exhibitions/{id}/booth-applications")]
    Task<BoothApplication> ApplyAsync(Guid id, [Body] ApplyInput input, CancellationToken ct = default);

    [Get("/api/v1/booths/{id}")]
    Task<Booth> BoothAsync(Guid id, CancellationToken ct = default);

    [Patch("/api/v1/booths/{id}")]
    Task<Booth> DressBoothAsync(Guid id, [Body] DressInput input, CancellationToken ct = default);

    [Put("/api/v1/booths/{id}/banner")]
    Task<MediaImage> PutBoothBannerAsync(Guid id, [Body] HttpContent image, string alt, string? altEn, CancellationToken ct = default);

    [Put("/api/v1/booths/{id}/gallery")]
    Task<MediaImage> PutBoothGalleryAsync(Guid id, [Body] HttpContent image, string alt, string? altEn, CancellationToken ct = default);

    [Get("/api/v1/booths/{id}/gallery")]
    Task<IReadOnlyList<MediaImage>> BoothGalleryAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/booths/{id}/leads")]
    Task<Paged<SellerLead>> LeadsAsync(Guid id, string? status, string? kind, int page, int pageSize, CancellationToken ct = default);

    [Patch("/api/v1/leads/{id}")]
    Task<SellerLead> UpdateLeadAsync(Guid id, [Body] LeadInput input, CancellationToken ct = default);

    [Get("/api/v1/booths/{id}/analytics")]
    Task<BoothAnalytics> BoothAnalyticsAsync(Guid id, CancellationToken ct = default);

    // Money
    [Get("/api/v1/shops/{shopId}/balance")]
    Task<ShopBalance> BalanceAsync(Guid shopId, CancellationToken ct = default);

    [Get("/api/v1/shops/{shopId}/statement")]
    Task<ShopStatement> StatementAsync(Guid shopId, DateTimeOffset? from, DateTimeOffset? to, string? account, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/shops/{shopId}/statement.csv")]
    Task<HttpResponseMessage> StatementCsvAsync(Guid shopId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default);

    [Get("/api/v1/ledger/banks")]
    Task<IReadOnlyList<Bank>> BanksAsync(CancellationToken ct = default);

    [Get("/api/v1/shops/{shopId}/bank-account")]
    Task<IApiResponse<BankAccount>> BankAccountAsync(Guid shopId, CancellationToken ct = default);

    [Put("/api/v1/shops/{shopId}/bank-account")]
    Task<BankAccount> SetBankAccountAsync(Guid shopId, [Body] BankAccountInput input, CancellationToken ct = default);

    [Post("/api/v1/shops/{shopId}/payouts")]
    Task<Payout> RequestPayoutAsync(Guid shopId, [Header("Idempotency-Key")] string idempotencyKey, [Body] PayoutInput input, CancellationToken ct = default);

    [Get("/api/v1/shops/{shopId}/payouts")]
    Task<Paged<Payout>> PayoutsAsync(Guid shopId, int page, int pageSize, CancellationToken ct = default);

    // Admin
    [Get("/api/v1/admin/shops")]
    Task<Paged<SellerShop>> AdminShopsAsync(string? state, int page, int pageSize, CancellationToken ct = default);

    [Post("/api/v1/shops/{id}/verify")]
    Task<SellerShop> VerifyShopAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/shops/{id}/suspend")]
    Task<SellerShop> SuspendShopAsync(Guid id, [Body] ReasonInput input, CancellationToken ct = default);

    [Post("/api/v1/shops/{id}/reinstate")]
    Task<SellerShop> ReinstateShopAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/admin/users")]
    Task<Paged<AdminUser>> AdminUsersAsync(string? role, string? q, int page, int pageSize, CancellationToken ct = default);
}
