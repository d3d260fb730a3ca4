namespace Marketplace.Catalog.Contracts;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>One reservation of several reserved together: its id (the owner's, e.g. an order id) and its lines.</summary>
public sealed record ReservationLines(Guid ReservationId, IReadOnlyList<StockLine> Lines);

public enum ReservationOutcome
{
    Reserved,
    /// <summary>The same reservation id was already reserved: nothing changed (idempotent retry).</summary>
    AlreadyReserved,
    InsufficientStock,
    NotSellable,
}

/// <summary>The result of a reservation attempt; on failure names the first product that could not be reserved.</summary>
public sealed record ReservationResult(ReservationOutcome Outcome, Guid? FailedProductId = null, int? Available = null)
{
    public bool Succeeded => Outcome is ReservationOutcome.Reserved or ReservationOutcome.AlreadyReserved;
}

/// <summary>
/// Stock reservations, owned by the Catalog because it owns stock. A reservation takes units out of stock at once
/// (one conditional update per line, all lines or none, in one transaction), so stock never goes below zero under
/// any concurrency. It is then confirmed (the order was paid: the units are sold), released (cancelled) or, if
/// neither happens before it expires, released automatically and its stock returned.
/// </summary>
public interface IStockReservations
{
    Task<ReservationResult> ReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>
    /// Several reservations at once (a checkout's orders, one per shop): all of them or none, one conditional update per
    /// product whatever the number of reservations, in product order. <see cref="ReservationOutcome.AlreadyReserved"/> when
    /// any of the ids exists already (nothing changed). Inside an open shared store transaction it writes in that
    /// transaction and commits nothing: on any outcome but success the transaction's owner must roll it back.
    /// </summary>
    Task<ReservationResult> ReserveAllAsync(IReadOnlyList<ReservationLines> reservations, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>Makes the reservation permanent; false when it no longer exists (expired and released, or released).</summary>
    Task<bool> ConfirmAsync(Guid reservationId, CancellationToken ct);

    /// <summary>Returns the reserved units to stock; idempotent. Confirmed reservations return stock too (cancellation).</summary>
    Task ReleaseAsync(Guid reservationId, CancellationToken ct);

    /// <summary>
    /// Ids of reservations still held (neither confirmed nor released) that were made before
    /// <paramref name="createdBefore"/>, oldest first: the owner of the reservation ids checks which of them it knows.
    /// </summary>
    Task<IReadOnlyList<Guid>> ListHeldAsync(DateTimeOffset createdBefore, int max, CancellationToken ct);

    /// <summary>Releases every unconfirmed reservation past its expiry; returns how many. Runs periodically.</summary>
    Task<int> ReleaseExpiredAsync(CancellationToken ct);
}
