using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Settlement;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
/// <item>Then the money goes back: a Stripe refund (idempotency key <c>ledger-refund-{id}</c>) or, for <c>manual</c>, nothing
/// to call. If Stripe refuses, the claim is undone and nothing is left behind. If its answer is lost (time-out, 5xx, no
/// connection) the money may be back: the refund stays pending and the caller gets 503 <c>ledger.refund_pending</c>.</item>
/// <item>Then the entry (<see cref="PendingRefunds.CompleteAsync"/>): the shopper's money leaves the clearing account; the
/// shop's share, the commission and any platform voucher subsidy are reversed pro rata by units.</item>
/// </list>
/// A refund left pending (its process died between the steps, or Stripe's answer was lost) is settled by
/// <see cref="PendingRefunds"/>: the ledger job on every instance, or a retry with the same Idempotency-Key, once it is older
/// than <c>Ledger:PendingRefundGrace</c>.
/// </summary>
internal sealed class RefundOrder(
    LedgerDbContext db,
    IOrderDirectory orders,
    ICatalogReader catalog,
    StripeRefunds stripe,
    PendingRefunds pending,
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
            return await ReplayAsync(previous, hash, ct);
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
            refund.Lines.Add(new RefundLine
            {
                RefundId = refund.Id, OrderLineId = item.Line.LineId, ProductId = item.Line.ProductId, Quantity = item.Quantity,
                Amount = item.Paid, Commission = item.Commission, Subsidy = item.Subsidy,
            });
        }

        refund.Amount = items.Sum(i => i.Paid) + (shipping ? settlement.ShippingAmount : 0);

        var claimed = await ClaimAsync(settlement, refund, items, ct);
        if (!claimed.IsSuccess)
        {
            return Result<RefundResponse>.Fail(claimed.Errors);
        }

        // From here the refund row is committed as pending: whatever happens to this process, PendingRefunds settles it.
        string? providerRefundId = null;
        if (method == RefundMethod.Stripe && refund.Amount > 0)
        {
            var (outcome, id, message) = await pending.SendAsync(refund, settlement.PaymentIntentId!, lookFirst: false, ct);
            switch (outcome)
            {
                case ProviderOutcome.Refused:
                    await pending.UndoAsync(refund.Id);
                    return Error.Conflict("ledger.provider_refused", "Stripe refused the refund: " + message);
                case ProviderOutcome.Unknown:
                    return PendingError;
            }

            providerRefundId = id;
        }

        await pending.CompleteAsync(refund.Id, providerRefundId, ct);
        return RefundResponse.From(await db.Refunds.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == refund.Id, ct));
    }

    private static readonly Error PendingError = new("ledger.refund_pending",
        "The card payment provider did not answer, so it is not known yet whether the money went back. The refund is recorded " +
        "and is completed (or undone, if the provider refused it) by itself within minutes; retry with the same Idempotency-Key to see it.",
        ErrorKind.Unavailable);

    private async Task<Result<RefundResponse>> ReplayAsync(Refund previous, string hash, CancellationToken ct)
    {
        if (previous.RequestHash != hash)
        {
            return Error.Unprocessable("ledger.idempotency_key_reused", "This Idempotency-Key was used for a different refund; use a new key.", IdempotencyHeader);
        }

        // A retry of a refund whose first request died or lost Stripe's answer settles it now rather than waiting for the job.
        if (previous.Status == RefundStatus.Pending && pending.IsPastGrace(previous))
        {
            switch (await pending.RecoverAsync(previous, ct))
            {
                case ProviderOutcome.Refused:
                    return Error.Conflict("ledger.provider_refused", "Stripe refused the refund; nothing was refunded.");
                case ProviderOutcome.Unknown:
                    return PendingError;
            }

            previous = await db.Refunds.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == previous.Id, ct);
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
}
