using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Cart.Contracts;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Fulfilment;
using Marketplace.Orders.Mapping;
using Marketplace.Orders.Payments;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Orders.Checkout;

/// <summary>
/// <c>POST /checkout</c>: the signed-in shopper's cart becomes one order group with one order per shop.
/// <list type="number">
/// <item>The <c>Idempotency-Key</c> is claimed first (a row keyed by user and key, holding the body's hash): a retry with
/// the same body gets the first response back, a different body 422, a retry while the first is still running 409.</item>
/// <item>Every line is re-priced from the Catalog (the price charged is today's; the cart flagged changes) and must be
/// sellable; shipping is each shop's flat rate; a voucher discounts its shop's order (or, marketplace-wide, all of them).</item>
/// <item>Stock is reserved through the Catalog, one reservation per order (its id is the order id); if any order cannot
/// be reserved, those already reserved are released: all or nothing. Then the voucher use is taken (atomically).</item>
/// <item>The group, its orders (with name and price snapshots) and their first history rows commit in one transaction;
/// the ordered lines leave the cart.</item>
/// </list>
/// </summary>
internal sealed partial class PlaceOrders(
    OrdersDbContext db,
    ICartCheckout carts,
    ICatalogReader catalog,
    IStockReservations stock,
    IVoucherDirectory voucherDirectory,
    IVoucherRedemptions vouchers,
    IPaymentGateway payments,
    OrderLifecycle lifecycle,
    IMapper mapper,
    IOptions<OrdersOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    ILogger<PlaceOrders> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> Handle(
        CheckoutRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, PlaceOrders checkout, CancellationToken ct) =>
        await checkout.RunAsync(request, idempotencyKey, user.UserId()!.Value, ct);

    public async Task<IResult> RunAsync(CheckoutRequest request, string? idempotencyKey, Guid userId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return Error.Validation(IdempotencyHeader, "checkout.idempotency_key_required",
                "Send an Idempotency-Key header (1 to 100 characters, e.g. a UUID) so a retried checkout cannot order twice.").ToProblem();
        }

        var key = idempotencyKey.Trim();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
        var claimed = await ClaimKeyAsync(userId, key, hash, ct);
        if (claimed is not null)
        {
            return claimed;
        }

        Result<CheckoutResponse> placed;
        try
        {
            placed = await PlaceAsync(request, userId, ct);
        }
        catch
        {
            await db.IdempotencyKeys.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        if (!placed.IsSuccess)
        {
            // A failed checkout leaves nothing behind, so the same key may be tried again once the cart is fixed.
            await db.IdempotencyKeys.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            return placed.Errors.ToProblem();
        }

        var body = JsonSerializer.Serialize(placed.Value, json.Value.SerializerOptions);
        await db.IdempotencyKeys.Where(r => r.UserId == userId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, StatusCodes.Status201Created).SetProperty(r => r.ResponseJson, body), CancellationToken.None);
        return Stored(StatusCodes.Status201Created, body);
    }

    private async Task<IResult?> ClaimKeyAsync(Guid userId, string key, string hash, CancellationToken ct)
    {
        db.IdempotencyKeys.Add(new IdempotencyRecord { UserId = userId, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var existing = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
        if (existing is null)
        {
            return Error.Conflict("checkout.in_progress", "A checkout with this Idempotency-Key just failed or is finishing; try again.").ToProblem();
        }

        if (existing.RequestHash != hash)
        {
            return Error.Unprocessable("checkout.idempotency_key_reused", "This Idempotency-Key was used for a different checkout request; use a new key.", IdempotencyHeader).ToProblem();
        }

        return existing.ResponseJson is { } stored
            ? Stored(existing.StatusCode ?? StatusCodes.Status201Created, stored)
            : Error.Conflict("checkout.in_progress", "A checkout with this Idempotency-Key is still running; retry in a moment.").ToProblem();
    }

    private static IResult Stored(int status, string body) => Results.Text(body, "application/json", Encoding.UTF8, status);

    private async Task<Result<CheckoutResponse>> PlaceAsync(CheckoutRequest request, Guid userId, CancellationToken ct)
    {
        var method = CheckoutRequestValidator.Parse(request.PaymentMethod!)!.Value;
        if (method == PaymentMethod.Stripe && !payments.IsConfigured)
        {
            return Error.Unprocessable("checkout.stripe_unavailable", "Card payment is not configured on this marketplace; use manual.", "paymentMethod");
        }

        var cart = await carts.FindForUserAsync(userId, ct);
        if (cart is null || cart.Lines.Count == 0)
        {
            return Error.Unprocessable("checkout.cart_empty", "The cart is empty.", "cart");
        }

        var products = (await catalog.GetProductsAsync(cart.Lines.Select(l => l.ProductId).Distinct().ToList(), ct)).ToDictionary(p => p.Id);
        foreach (var line in cart.Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || !product.IsSellable)
            {
                var name = product?.Name ?? line.ProductId.ToString();
                return Error.Conflict("checkout.product_unavailable", $"'{name}' can no longer be bought; remove it from the cart.", "cart");
            }

            if (product.Stock < line.Quantity)
            {
                return InsufficientStock(product, product.Stock);
            }
        }

        var currency = products[cart.Lines[0].ProductId].Price.Currency;
        if (cart.Lines.Any(l => products[l.ProductId].Price.Currency != currency))
        {
            return Error.Unprocessable("checkout.mixed_currencies", "All products of one checkout must be priced in the same currency.", "cart");
        }

        var now = clock.GetUtcNow();
        var dueAt = now + options.Value.PaymentWindow;
        var group = new OrderGroup
        {
            Id = Guid.CreateVersion7(),
            ShopperId = userId,
            PaymentMethod = method,
            Currency = currency,
            Recipient = request.ShippingAddress!.Recipient!.Trim(),
            Phone = request.ShippingAddress.Phone!.Trim(),
            AddressLine1 = request.ShippingAddress.Line1!.Trim(),
            CityCode = request.ShippingAddress.CityCode!.Trim(),
            PostalCode = request.ShippingAddress.PostalCode!.Trim(),
            CreatedAt = now,
            PaymentDueAt = dueAt,
        };

        foreach (var shopLines in cart.Lines.GroupBy(l => products[l.ProductId].ShopId))
        {
            var shop = await catalog.GetShopAsync(shopLines.Key, ct);
            if (shop is null || shop.Status != ShopStatus.Active)
            {
                return Error.Conflict("checkout.shop_unavailable", "A shop in the cart cannot sell now; remove its products.", "cart");
            }

            var order = new Order
            {
                Id = Guid.CreateVersion7(),
                GroupId = group.Id,
                ShopId = shop.Id,
                ShopName = shop.Name,
                ShopSlug = shop.Slug,
                ShopperId = userId,
                Status = OrderStatus.PendingPayment,
                Currency = currency,
                CreatedAt = now,
                ShippingAmount = shop.ShippingFlatRate.Currency == currency ? shop.ShippingFlatRate.Amount : 0,
            };
            foreach (var line in shopLines)
            {
                var product = products[line.ProductId];
                order.Lines.Add(new OrderLine
                {
                    Id = Guid.CreateVersion7(),
                    OrderId = order.Id,
                    ProductId = product.Id,
                    ProductName = product.Name,
                    ImageUrl = product.ImageUrl,
                    UnitPriceAmount = product.Price.Amount,
                    Quantity = line.Quantity,
                    LineTotalAmount = checked(product.Price.Amount * line.Quantity),
                    BoothId = line.BoothId,
                });
            }

            order.SubtotalAmount = order.Lines.Sum(l => l.LineTotalAmount);
            order.Transitions.Add(new OrderTransition
            {
                Id = Guid.CreateVersion7(), OrderId = order.Id, From = null, To = OrderStatus.PendingPayment, At = now,
                ActorId = userId, ActorRole = "shopper", Note = "checkout",
            });
            group.Orders.Add(order);
        }

        string? voucherCode = null;
        if (!string.IsNullOrWhiteSpace(request.VoucherCode))
        {
            var applied = await ApplyVoucherAsync(request.VoucherCode, group, now, ct);
            if (!applied.IsSuccess)
            {
                return Result<CheckoutResponse>.Fail(applied.Errors);
            }

            voucherCode = applied.Value;
        }

        foreach (var order in group.Orders)
        {
            order.TotalAmount = order.SubtotalAmount + order.ShippingAmount - order.DiscountAmount;
        }

        group.VoucherCode = voucherCode;
        group.DiscountAmount = group.Orders.Sum(o => o.DiscountAmount);
        group.TotalAmount = group.Orders.Sum(o => o.TotalAmount);

        var reserved = new List<Guid>();
        foreach (var order in group.Orders)
        {
            var result = await stock.ReserveAsync(order.Id, order.Lines.Select(l => new StockLine(l.ProductId, l.Quantity)).ToList(), dueAt, ct);
            if (!result.Succeeded)
            {
                await ReleaseAsync(reserved);
                var failed = result.FailedProductId is { } id && products.TryGetValue(id, out var p) ? p : null;
                return result.Outcome == ReservationOutcome.InsufficientStock && failed is not null
                    ? InsufficientStock(failed, result.Available ?? 0)
                    : Error.Conflict("checkout.product_unavailable", $"'{failed?.Name}' can no longer be bought; remove it from the cart.", "cart");
            }

            reserved.Add(order.Id);
        }

        if (voucherCode is not null)
        {
            var outcome = await vouchers.RedeemAsync(voucherCode, group.Id, ct);
            if (outcome is not (VoucherRedemptionOutcome.Redeemed or VoucherRedemptionOutcome.AlreadyRedeemed))
            {
                await ReleaseAsync(reserved);
                return VoucherError(outcome);
            }
        }

        try
        {
            db.Groups.Add(group);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await ReleaseAsync(reserved);
            await ReleaseVoucherAsync(voucherCode, group.Id);
            throw;
        }

        db.ChangeTracker.Clear();

        // The group is stored before the payment starts, so a provider's webhook can never arrive for a group that
        // does not exist yet. If the payment cannot start, the orders are cancelled (stock back) and nothing is charged.
        Result<PaymentResponse> started;
        try
        {
            started = await payments.StartAsync(group, ct);
        }
        catch
        {
            await AbandonAsync(group, voucherCode);
            throw;
        }

        if (!started.IsSuccess)
        {
            await AbandonAsync(group, voucherCode);
            return Result<CheckoutResponse>.Fail(started.Errors);
        }

        var payment = started.Value;
        if (payment.PaymentIntentId is { } intentId)
        {
            group.PaymentIntentId = intentId;
            await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.PaymentIntentId, intentId), CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        try
        {
            await carts.RemoveLinesAsync(cart.CartId, cart.Lines.Select(l => l.LineId).ToList(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The orders exist and hold their stock: the checkout succeeded. Failing it now would let a retry with the
            // same key order twice; the shopper at worst sees the ordered lines still in the cart.
            LogCartNotCleared(logger, cart.CartId, ex);
        }
        var orders = group.Orders.Select(o => mapper.ToResponse(o, group)).ToList();
        return new CheckoutResponse(group.Id, orders, new Money(group.DiscountAmount, currency), new Money(group.TotalAmount, currency), payment);
    }

    private async Task<Result<string>> ApplyVoucherAsync(string code, OrderGroup group, DateTimeOffset now, CancellationToken ct)
    {
        var voucher = await voucherDirectory.FindAsync(code, ct);
        if (voucher is null)
        {
            return Error.Unprocessable("checkout.voucher_not_found", "No such voucher.", "voucherCode");
        }

        if (now < voucher.ValidFrom || now >= voucher.ValidUntil)
        {
            return Error.Unprocessable("checkout.voucher_not_valid_now", "This voucher is not valid now (outside its validity window).", "voucherCode");
        }

        if (voucher.UsageLimit is { } limit && voucher.TimesUsed >= limit)
        {
            return VoucherError(VoucherRedemptionOutcome.UsedUp);
        }

        if (voucher.Kind == VoucherKind.Fixed && voucher.Currency != group.Currency)
        {
            return Error.Unprocessable("checkout.voucher_currency", $"This voucher is in {voucher.Currency}; the cart is in {group.Currency}.", "voucherCode");
        }

        var eligible = group.Orders.Where(o => voucher.ShopId is null || o.ShopId == voucher.ShopId).ToList();
        if (eligible.Count == 0)
        {
            return Error.Unprocessable("checkout.voucher_not_applicable", "This voucher is for a shop that is not in the cart.", "voucherCode");
        }

        var base_ = eligible.Sum(o => o.SubtotalAmount);
        var discount = voucher.Kind == VoucherKind.Percentage
            ? base_ * Math.Clamp(voucher.Value, 0, 100) / 100
            : Math.Min(voucher.Value, base_);

        // Split over the eligible orders in proportion to their subtotals; the last takes the rounding remainder.
        var left = discount;
        for (var i = 0; i < eligible.Count; i++)
        {
            var share = i == eligible.Count - 1 ? left : discount * eligible[i].SubtotalAmount / Math.Max(1, base_);
            share = Math.Min(share, eligible[i].SubtotalAmount);
            eligible[i].DiscountAmount = share;
            left -= share;
        }

        return voucher.Code;
    }

    private async Task AbandonAsync(OrderGroup group, string? voucherCode)
    {
        foreach (var order in group.Orders)
        {
            await lifecycle.CancelAsync(order.Id, OrderStatus.PendingPayment, Actor.System, "payment_not_started", CancellationToken.None);
        }

        await ReleaseVoucherAsync(voucherCode, group.Id);
    }

    private async Task ReleaseVoucherAsync(string? voucherCode, Guid groupId)
    {
        if (voucherCode is not null)
        {
            await vouchers.ReleaseAsync(voucherCode, groupId, CancellationToken.None);
        }
    }

    private static Error VoucherError(VoucherRedemptionOutcome outcome) => outcome switch
    {
        VoucherRedemptionOutcome.NotFound => Error.Unprocessable("checkout.voucher_not_found", "No such voucher.", "voucherCode"),
        VoucherRedemptionOutcome.NotValidNow => Error.Unprocessable("checkout.voucher_not_valid_now", "This voucher is not valid now (outside its validity window).", "voucherCode"),
        _ => Error.Unprocessable("checkout.voucher_used_up", "This voucher has been used as many times as it may be.", "voucherCode"),
    };

    private static Error InsufficientStock(ProductSummary product, int available) =>
        Error.Conflict("checkout.insufficient_stock", $"Only {available} of '{product.Name}' left in stock; lower the quantity.", "cart");

    private async Task ReleaseAsync(IEnumerable<Guid> reservationIds)
    {
        foreach (var id in reservationIds)
        {
            await stock.ReleaseAsync(id, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout succeeded but cart {CartId} could not be cleared")]
    private static partial void LogCartNotCleared(ILogger logger, Guid cartId, Exception ex);
}
