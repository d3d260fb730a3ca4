using System.Security.Claims;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Idempotency;
using Marketplace.BuildingBlocks.Persistence;
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

namespace Marketplace.Orders.Checkout;

/// <summary>
/// <c>POST /checkout</c>: the signed-in shopper's cart becomes one order group with one order per shop.
/// <list type="number">
/// <item>The <c>Idempotency-Key</c> is checked by the endpoint's filter (a used key replays its response, or 422 for a
/// different body); the key itself is written in the checkout's transaction.</item>
/// <item>The cart is priced, read-only (<see cref="CheckoutPricing"/>).</item>
/// <item>One transaction shared by the Orders, Cart and Catalog modules: the key (with manual payment's response) and the
/// group (orders, name and price snapshots, first history rows) → the voucher use → the ordered lines leave the cart
/// (card payments: once the payment started) → the stock of all orders, reserved last so the hot product rows stay
/// locked only until the commit that follows. One commit; any failure rolls all of it back: all or nothing by
/// construction, and a 201 is only ever sent for committed orders.</item>
/// <item>Manual payment's instructions are known before the commit, so its response commits with the orders. A card
/// payment is started after the commit (so a provider's webhook can never arrive for a group that does not exist yet)
/// and its response stored with a second, small commit; if it cannot start, the orders are cancelled.</item>
/// </list>
/// </summary>
internal sealed partial class PlaceOrders(
    OrdersDbContext db,
    CheckoutPricing pricing,
    SharedStoreTransaction transaction,
    IdempotentRequest idempotency,
    IVoucherRedemptions vouchers,
    ICartCheckout carts,
    IStockReservations stock,
    IPaymentGateway payments,
    OrderLifecycle lifecycle,
    IMapper mapper)
{
    /// <param name="idempotencyKey">Declared for the API description; <c>RequireIdempotencyKey</c> reads and enforces it.</param>
    public static async Task<IResult> Handle(
        CheckoutRequest request, [FromHeader(Name = IdempotencyEndpointExtensions.Header)] string? idempotencyKey, ClaimsPrincipal user, PlaceOrders checkout, CancellationToken ct)
    {
        _ = idempotencyKey;
        return await checkout.RunAsync(request, user.UserId()!.Value, ct);
    }

    public async Task<IResult> RunAsync(CheckoutRequest request, Guid userId, CancellationToken ct)
    {
        var method = CheckoutRequestValidator.Parse(request.PaymentMethod!)!.Value;
        if (method == PaymentMethod.Stripe && !payments.IsConfigured)
        {
            return Error.Unprocessable("checkout.stripe_unavailable", "Card payment is not configured on this marketplace; use manual.", "paymentMethod").ToProblem();
        }

        var priced = await pricing.PriceAsync(request, method, userId, ct);
        if (!priced.IsSuccess)
        {
            return priced.Errors.ToProblem();
        }

        var (group, cart, products) = priced.Value;
        PaymentResponse? payment = null;
        if (method == PaymentMethod.Manual)
        {
            // Instructions only, computed here: nothing external happens, so the response can commit with the orders.
            var instructions = await payments.StartAsync(group, null, ct);
            if (!instructions.IsSuccess)
            {
                return instructions.Errors.ToProblem();
            }

            payment = instructions.Value;
        }

        // The key goes first: a concurrent request with the same key blocks on (PostgreSQL) or finds (SQLite) this row and
        // is then answered with this checkout's response by the filter. Manual payment's 201 is known already (every id is
        // made here, nothing below changes the group), so the key is inserted with it rather than updated later. Both are
        // tracked and the response serialised before the transaction opens: on SQLite everything between BEGIN and
        // COMMIT holds the one write lock every other writer waits for.
        idempotency.Claim(db);
        db.Groups.Add(group);
        var response = payment is null ? null : idempotency.Respond(StatusCodes.Status201Created, Response(group, payment));
        try
        {
            await transaction.BeginAsync(db, ct);
            var failed = await SaveAsync(group, payment is not null, cart, products, ct);
            if (failed is not null)
            {
                return failed.ToProblem();
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            // Rolls back unless committed; on SQLite this also gives up the write lock before the response is sent.
            await transaction.DisposeAsync();
        }

        var cardReturn = request.SuccessUrl is { } success && request.CancelUrl is { } cancel
            ? new CardReturn(WithGroup(success, group.Id), WithGroup(cancel, group.Id))
            : null;
        return response ?? await PayByCardAsync(group, cart, cardReturn);
    }

    /// <summary>
    /// Save (the key with its response, the orders: tracked by the caller) → redeem → empty the cart → reserve, in the shared
    /// transaction. The stock rows come last because a product's row stays locked from its update until the commit, and
    /// every other checkout of that product waits for it: only the stock-changed events are written between the two.
    /// </summary>
    /// <param name="emptyCart">Manual payment: the cart empties and the 201 is stored in this commit. False for a card, whose
    /// payment starts after the commit (and only then do the lines leave the cart).</param>
    private async Task<Error?> SaveAsync(
        OrderGroup group, bool emptyCart, CheckoutCart cart, IReadOnlyDictionary<Guid, ProductSummary> products, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);

        if (group.VoucherCode is { } code)
        {
            var outcome = await vouchers.RedeemAsync(code, group.Id, ct);
            if (outcome is not (VoucherRedemptionOutcome.Redeemed or VoucherRedemptionOutcome.AlreadyRedeemed))
            {
                return CheckoutPricing.VoucherError(outcome);
            }
        }

        if (emptyCart)
        {
            await carts.RemoveLinesAsync(cart.CartId, cart.Lines.Select(l => l.LineId).ToList(), ct);
        }

        var reservations = group.Orders
            .Select(o => new ReservationLines(o.Id, o.Lines.Select(l => new StockLine(l.ProductId, l.Quantity)).ToList()))
            .ToList();
        var reserved = await stock.ReserveAllAsync(reservations, group.PaymentDueAt, ct);
        if (reserved.Outcome != ReservationOutcome.Reserved)
        {
            var failed = reserved.FailedProductId is { } id && products.TryGetValue(id, out var p) ? p : null;
            return reserved.Outcome == ReservationOutcome.InsufficientStock && failed is not null
                ? CheckoutPricing.InsufficientStock(failed, reserved.Available ?? 0)
                : Error.Conflict("checkout.product_unavailable", $"'{failed?.Name}' can no longer be bought; remove it from the cart.", "cart");
        }

        return null;
    }

    /// <summary>
    /// The orders are committed; now the card payment starts. Its response (the client secret) is stored on the key with
    /// the PaymentIntent id in one more commit. If it cannot start, the orders are cancelled (stock back, voucher use
    /// returned), nothing is charged, and the key is freed for a retry.
    /// </summary>
    private static string WithGroup(string url, Guid groupId) =>
        url.Replace(CheckoutRequestValidator.GroupIdPlaceholder, groupId.ToString(), StringComparison.Ordinal);

    private async Task<IResult> PayByCardAsync(OrderGroup group, CheckoutCart cart, CardReturn? cardReturn)
    {
        Result<PaymentResponse> started;
        try
        {
            started = await payments.StartAsync(group, cardReturn, CancellationToken.None);
        }
        catch
        {
            await AbandonAsync(group);
            throw;
        }

        if (!started.IsSuccess)
        {
            await AbandonAsync(group);
            return started.Errors.ToProblem();
        }

        group.PaymentIntentId = started.Value.PaymentIntentId;
        var response = idempotency.Respond(StatusCodes.Status201Created, Response(group, started.Value));
        await db.SaveChangesAsync(CancellationToken.None);

        // Only now: a payment that cannot start leaves the shopper's cart as it was. Should this fail, a retry with the
        // key replays the stored 201; the shopper at worst sees the ordered lines still in the cart.
        await carts.RemoveLinesAsync(cart.CartId, cart.Lines.Select(l => l.LineId).ToList(), CancellationToken.None);
        return response;
    }

    private CheckoutResponse Response(OrderGroup group, PaymentResponse payment) =>
        new(group.Id, group.Orders.Select(o => mapper.ToResponse(o, group)).ToList(),
            new Money(group.DiscountAmount, group.Currency), new Money(group.TotalAmount, group.Currency), payment);

    private async Task AbandonAsync(OrderGroup group)
    {
        db.ChangeTracker.Clear();
        foreach (var order in group.Orders)
        {
            await lifecycle.CancelAsync(order.Id, OrderStatus.PendingPayment, Actor.System, "payment_not_started", CancellationToken.None);
        }

        if (group.VoucherCode is { } code)
        {
            await vouchers.ReleaseAsync(code, group.Id, CancellationToken.None);
        }

        await db.IdempotencyKeys.Where(r => r.UserId == idempotency.UserId && r.Key == idempotency.Key).ExecuteDeleteAsync(CancellationToken.None);
    }
}
