using Marketplace.SharedKernel.Events;

namespace Marketplace.Catalog.Contracts;

// Catalog's integration events. They carry ids and the row version, not the whole product: a consumer that needs
// the data reads the current state through ICatalogReader, so redelivered or reordered events converge on the truth.

/// <summary>A product became visible to shoppers.</summary>
public sealed record ProductPublished(Guid ProductId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>A product's shopper-visible data (names, price, attributes, …) changed.</summary>
public sealed record ProductUpdated(Guid ProductId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>A product went back to draft: shoppers no longer see it.</summary>
public sealed record ProductUnpublished(Guid ProductId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>A product was deleted by its owner.</summary>
public sealed record ProductDeleted(Guid ProductId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>
/// Stock changed (owner set it, a checkout reserved units, a reservation expired or was released). Carries the new
/// stock, not the change: during a busy sale the outbox delivers only a product's latest one of a batch.
/// </summary>
public sealed record ProductStockChanged(Guid ProductId, Guid ShopId, int Stock, long Version) : IntegrationEvent, ISupersededByLater
{
    public string SupersedingKey => ProductId.ToString();
}

/// <summary>A shop was created, edited, verified, suspended or reinstated; its products' shop data may have changed.</summary>
public sealed record ShopChanged(Guid ShopId, string Slug, ShopStatus Status, bool Verified, long Version) : IntegrationEvent;

/// <summary>An unconfirmed stock reservation passed its expiry and its units went back to stock.</summary>
public sealed record StockReservationExpired(Guid ReservationId) : IntegrationEvent;
