using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Contracts;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Settlement;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace Marketplace.Ledger.Refunds;

/// <summary>
/// <c>lines</c> empty or absent: refund everything not refunded yet, shipping included. Otherwise the units of each line
/// to refund (and the shipping only if <c>refundShipping</c>). <c>method</c> defaults to how the order was paid.
/// </summary>
internal sealed record RefundRequest(
    string? Reason,
    IReadOnlyList<RefundLineRequest>? Lines,
    bool? RefundShipping,
    string? Method,
    bool? ReturnStock,
    string? TransferReference);

internal sealed record RefundLineRequest(Guid? LineId, int? Quantity);

internal sealed class RefundRequestValidator : AbstractValidator<RefundRequest>
{
    public RefundRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the money goes back (reason).")
            .MaximumLength(500);
        RuleFor(r => r.Lines).Must(l => l is null || l.Count <= 200).WithMessage("At most 200 lines per refund.")
            .Must(l => l is null || l.Where(x => x.LineId is not null).Select(x => x.LineId).Distinct().Count() == l.Count(x => x.LineId is not null))
            .WithMessage("Each line at most once per refund.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.LineId).NotEmpty();
            line.RuleFor(l => l.Quantity).NotNull().GreaterThan(0).LessThanOrEqualTo(1_000_000);
        });
        RuleFor(r => r.Method).Must(m => m is null or RefundMethod.Stripe or RefundMethod.Manual).WithMessage("method is stripe or manual.");
        RuleFor(r => r.TransferReference).MaximumLength(100);
    }
}

internal sealed record RefundLineResponse(Guid LineId, Guid ProductId, int Quantity, Money Amount);

internal sealed record RefundResponse(
    Guid Id,
    Guid OrderId,
    Guid ShopId,
    Money Amount,
    bool Shipping,
    string Reason,
    string Method,
    string Status,
    string? ProviderRefundId,
    string? TransferReference,
    bool ReturnStock,
    string RequestedRole,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RefundLineResponse> Lines)
{
    public static RefundResponse From(Refund r) => new(r.Id, r.OrderId, r.ShopId, new Money(r.Amount, r.Currency), r.Shipping, r.Reason, r.Method, r.Status,
        r.ProviderRefundId, r.TransferReference, r.ReturnStock, r.RequestedRole, r.CreatedAt, r.CompletedAt,
        r.Lines.OrderBy(l => l.OrderLineId).Select(l => new RefundLineResponse(l.OrderLineId, l.ProductId, l.Quantity, new Money(l.Amount, r.Currency))).ToList());
}

/// <summary>
/// <c>POST /orders/{id}/refunds</c> (the shop's owner or an admin, with an <c>Idempotency-Key</c>):
/// <list type="number">
/// <item>The refund row and the claim on the units commit first: each line's refunded quantity moves by a conditional
/// update on the quantity read, so two refunds of one line cannot both take the last unit; the order's version moves
/// too, so a cancellation or release cannot interleave.</item>
/// <item>Then the money goes back: a Stripe refund (its own idempotency key) or, for <c>manual</c>, nothing to call.
/// If Stripe refuses or cannot be reached, the claim is undone and nothing is left behind.</item>
/// <item>Then the entry: the shopper's money leaves the clearing account; the shop's share (from pending or available,
/// wherever the order's money sits), the commission and any platform voucher subsidy are reversed pro rata by units.</item>
/// </list>
/// </summary>
internal sealed class RefundOrder(
    LedgerDbContext db,
    Journal.Journal journal,
    IOrderDirectory orders,
    ICatalogReader catalog,
    StripeRefunds stripe,
    TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> Handle(
        Guid orderId, RefundRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, RefundOrder refunds, CancellationToken ct)
    {
        var result = await refunds.RunAsync(orderId, request, idempotencyKey, user, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/orders/{orderId}/refunds/{result.Value.Id}", result.Value) : result.Errors.ToProblem();
    }

    public async Task<Result<RefundResponse>> RunAsync(Guid orderId, RefundRequest request, string? idempotencyKey, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return Error.Validation(IdempotencyHeader, "ledger.idempotency_key_required",
                "Send an Idempotency-Key header (1 to 100 characters, e.g. a UUID) so a retried refund cannot pay back twice.");
        }

        var userId = user.UserId()!.Value;
        var key = idempotencyKey.Trim();
        var order = await orders.FindAsync(orderId, ct);
        if (order is null || !(user.IsAdmin() || (user.IsInRole(Roles.Merchant) && (await catalog.GetShopAsync(order.ShopId, ct))?.OwnerId == userId)))
        {
            return Error.NotFound("ledger.order_not_found", "No such order (or it is not from your shop).");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderId + JsonSerializer.Serialize(request, json.Value.SerializerOptions))));
        var previous = await db.Refunds.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.RequestedBy == userId && r.IdempotencyKey == key, ct);
        if (previous is not null)
        {
            return Replay(previous, hash);
        }

        if (order.PaidAt is null)
        {
            return Error.Conflict("ledger.order_not_paid", "This order was never paid, so there is nothing to refund.");
        }

        if (order.Status == "cancelled")
        {
            return Error.Conflict("ledger.order_cancelled", "This order was cancelled and its payment already reversed.");
        }

        var settlement = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (settlement is null)
        {
            return Error.Conflict("ledger.order_not_settled", "The payment of this order is still being booked; try again in a moment.");
        }

        if (settlement.Status == SettlementStatus.Cancelled)
        {
            return Error.Conflict("ledger.order_cancelled", "This order was cancelled and its payment already reversed.");
        }

        var plan = Plan(settlement, request);
        if (!plan.IsSuccess)
        {
            return Result<RefundResponse>.Fail(plan.Errors);
        }

        var method = request.Method ?? (settlement.PaymentMethod == RefundMethod.Stripe ? RefundMethod.Stripe : RefundMethod.Manual);
        if (method == RefundMethod.Stripe && (settlement.PaymentMethod != RefundMethod.Stripe || settlement.PaymentIntentId is null))
        {
            return Error.Unprocessable("ledger.refund_method", "Only an order paid by card can be refunded through Stripe; use manual.", "method");
        }

        if (method == RefundMethod.Stripe && !stripe.IsConfigured)
        {
            return new Error("payments.provider_unavailable", "Card refunds are not configured on this marketplace.", ErrorKind.Unavailable);
        }

        var (items, shipping) = plan.Value;
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(),
            OrderId = orderId,
            ShopId = settlement.ShopId,
            Currency = settlement.Currency,
            Shipping = shipping,
            Reason = request.Reason!.Trim(),
            Method = method,
            Status = RefundStatus.Pending,
            TransferReference = string.IsNullOrWhiteSpace(request.TransferReference) ? null : request.TransferReference.Trim(),
            ReturnStock = request.ReturnStock ?? false,
            RequestedBy = userId,
            RequestedRole = user.IsAdmin() ? Roles.Admin : Roles.Merchant,
            IdempotencyKey = key,
            RequestHash = hash,
            CreatedAt = clock.GetUtcNow(),
        };
        foreach (var item in items)
        {
            refund.Lines.Add(new RefundLine { RefundId = refund.Id, OrderLineId = item.Line.LineId, ProductId = item.Line.ProductId, Quantity = item.Quantity, Amount = item.Paid });
        }

        refund.Amount = items.Sum(i => i.Paid) + (shipping ? settlement.ShippingAmount : 0);

        var claimed = await ClaimAsync(settlement, refund, items, ct);
        if (!claimed.IsSuccess)
        {
            return Result<RefundResponse>.Fail(claimed.Errors);
        }

        if (method == RefundMethod.Stripe && refund.Amount > 0)
        {
            try
            {
                refund.ProviderRefundId = await stripe.RefundAsync(settlement.PaymentIntentId!, refund.Amount, refund.Id, orderId, ct);
            }
            catch (Exception ex) when (ex is StripeException or HttpRequestException)
            {
                await UnclaimAsync(refund, items);
                return ex is StripeException { HttpStatusCode: var status } && (int)status is >= 400 and < 500
                    ? Error.Conflict("ledger.provider_refused", "Stripe refused the refund: " + ex.Message)
                    : new Error("payments.provider_unavailable", "The card payment provider could not be reached; nothing was refunded. Try again.", ErrorKind.Unavailable);
            }
        }

        await PostAsync(refund, items, ct);
        return RefundResponse.From(refund);
    }

    private static Result<RefundResponse> Replay(Refund previous, string hash)
    {
        if (previous.RequestHash != hash)
        {
            return Error.Unprocessable("ledger.idempotency_key_reused", "This Idempotency-Key was used for a different refund; use a new key.", IdempotencyHeader);
        }

        return previous.Status == RefundStatus.Completed
            ? RefundResponse.From(previous)
            : Error.Conflict("ledger.refund_in_progress", "A refund with this Idempotency-Key is still running; retry in a moment.");
    }

    internal sealed record Item(SettlementLine Line, int Quantity, long Paid, long Commission, long Subsidy)
    {
        public long ShopShare => Paid + Subsidy - Commission;
    }

    private static Result<(List<Item> Items, bool Shipping)> Plan(SettlementOrder order, RefundRequest request)
    {
        var items = new List<Item>();
        var errors = new List<Error>();
        bool shipping;
        if (request.Lines is null || request.Lines.Count == 0)
        {
            foreach (var line in order.Lines.Where(l => l.RefundedQuantity < l.Quantity))
            {
                items.Add(Slice(line, line.Quantity - line.RefundedQuantity));
            }

            shipping = !order.ShippingRefunded && order.ShippingAmount > 0;
            if (items.Count == 0 && !shipping)
            {
                return Error.Conflict("ledger.nothing_to_refund", "Everything of this order has been refunded already.");
            }
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var wanted = request.Lines[i];
                var line = order.Lines.SingleOrDefault(l => l.LineId == wanted.LineId);
                if (line is null)
                {
                    errors.Add(Error.Unprocessable("ledger.unknown_line", "This order has no such line.", $"lines[{i}].lineId"));
                    continue;
                }

                var left = line.Quantity - line.RefundedQuantity;
                if (left == 0)
                {
                    errors.Add(Error.Conflict("ledger.line_already_refunded", "Every unit of this line has been refunded already.", $"lines[{i}].lineId"));
                }
                else if (wanted.Quantity!.Value > left)
                {
                    errors.Add(Error.Unprocessable("ledger.refund_exceeds_paid", $"Only {left} of {line.Quantity} units of this line are left to refund.", $"lines[{i}].quantity"));
                }
                else
                {
                    items.Add(Slice(line, wanted.Quantity.Value));
                }
            }

            shipping = request.RefundShipping ?? false;
            if (shipping && order.ShippingRefunded)
            {
                errors.Add(Error.Conflict("ledger.shipping_already_refunded", "The shipping of this order has been refunded already.", "refundShipping"));
            }
        }

        return errors.Count > 0 ? Result<(List<Item>, bool)>.Fail(errors) : (items, shipping);
    }

    /// <summary>The next <paramref name="quantity"/> units of a line: cumulative slices, exact when the last unit goes back.</summary>
    private static Item Slice(SettlementLine line, int quantity)
    {
        var from = line.RefundedQuantity;
        var to = from + quantity;
        return new Item(line, quantity,
            Allocation.Slice(line.PaidAmount, line.Quantity, from, to),
            Allocation.Slice(line.CommissionAmount, line.Quantity, from, to),
            Allocation.Slice(line.SubsidyAmount, line.Quantity, from, to));
    }

    private async Task<Result<bool>> ClaimAsync(SettlementOrder order, Refund refund, List<Item> items, CancellationToken ct)
    {
        var conflict = Error.Conflict("ledger.refund_conflict", "This order changed while the refund was prepared (another refund, a cancellation); look again and retry.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = order.Version;
        var claimOrder = db.Orders.Where(o => o.OrderId == order.OrderId && o.Version == version && o.Status != SettlementStatus.Cancelled);
        var moved = refund.Shipping
            ? await claimOrder.Where(o => !o.ShippingRefunded).ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, o => o.Version + 1).SetProperty(o => o.ShippingRefunded, true), ct)
            : await claimOrder.ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, o => o.Version + 1), ct);
        if (moved == 0)
        {
            return conflict;
        }

        foreach (var item in items)
        {
            var (lineId, before, quantity) = (item.Line.LineId, item.Line.RefundedQuantity, item.Quantity);
            var claimed = await db.OrderLines.Where(l => l.LineId == lineId && l.RefundedQuantity == before && l.RefundedQuantity + quantity <= l.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RefundedQuantity, l => l.RefundedQuantity + quantity), ct);
            if (claimed == 0)
            {
                return conflict;
            }
        }

        db.Refunds.Add(refund);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict("ledger.refund_in_progress", "A refund with this Idempotency-Key is already running; retry in a moment.");
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    private async Task UnclaimAsync(Refund refund, List<Item> items)
    {
        var ct = CancellationToken.None;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var item in items)
        {
            var (lineId, quantity) = (item.Line.LineId, item.Quantity);
            await db.OrderLines.Where(l => l.LineId == lineId).ExecuteUpdateAsync(s => s.SetProperty(l => l.RefundedQuantity, l => l.RefundedQuantity - quantity), ct);
        }

        if (refund.Shipping)
        {
            await db.Orders.Where(o => o.OrderId == refund.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ShippingRefunded, false), ct);
        }

        await db.RefundLines.Where(l => l.RefundId == refund.Id).ExecuteDeleteAsync(ct);
        await db.Refunds.Where(r => r.Id == refund.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task PostAsync(Refund refund, List<Item> items, CancellationToken ct)
    {
        var currency = refund.Currency;
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.OrderId == refund.OrderId, ct);
            var moved = await db.Orders.Where(o => o.OrderId == order.OrderId && o.Version == order.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedAmount, o => o.RefundedAmount + refund.Amount).SetProperty(o => o.Version, o => o.Version + 1), ct);
            if (moved == 0)
            {
                await transaction.RollbackAsync(ct);
                if (attempt >= 10)
                {
                    throw new InvalidOperationException($"Order {refund.OrderId} kept changing while refund {refund.Id} was posted.");
                }

                continue;
            }

            // The shop's share comes back from where the order's money sits now: pending until released, available after.
            var shop = Accounts.Shop(order.ShopId, order.Status == SettlementStatus.Available ? Accounts.ShopAvailable : Accounts.ShopPending, currency);
            var clearing = Accounts.Platform(Accounts.Clearing, currency);
            var postings = new List<Posting>();
            foreach (var item in items)
            {
                postings.Add(new Posting(clearing, item.Paid, item.Line.LineId));
                postings.Add(new Posting(shop, -item.ShopShare, item.Line.LineId));
                postings.Add(new Posting(Accounts.Platform(Accounts.Commission, currency), -item.Commission, item.Line.LineId, item.Line.Subsector, item.Line.RateBps));
                postings.Add(new Posting(Accounts.Platform(Accounts.Vouchers, currency), item.Subsidy, item.Line.LineId, item.Line.Subsector));
            }

            if (refund.Shipping)
            {
                postings.Add(new Posting(clearing, order.ShippingAmount));
                postings.Add(new Posting(shop, -order.ShippingAmount));
            }

            await journal.PostAsync(new EntryDraft($"refund:{refund.Id}", "refund", currency, postings, refund.OrderId, refund.ShopId, null, refund.Reason.Length > 300 ? refund.Reason[..300] : refund.Reason), ct);
            var now = clock.GetUtcNow();
            refund.Status = RefundStatus.Completed;
            refund.CompletedAt = now;
            var providerId = refund.ProviderRefundId;
            await db.Refunds.Where(r => r.Id == refund.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RefundStatus.Completed).SetProperty(r => r.CompletedAt, now).SetProperty(r => r.ProviderRefundId, providerId), ct);
            var returned = refund.ReturnStock
                ? items.Select(i => new ReturnedStockLine(i.Line.ProductId, i.Quantity)).ToList()
                : [];
            db.AddIntegrationEvent(new RefundCompleted(refund.Id, refund.OrderId, refund.ShopId, new Money(refund.Amount, currency), refund.Method, returned, now) { OccurredAt = now });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return;
        }
    }
}
