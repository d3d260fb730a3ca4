namespace Marketplace.Orders.Domain;

/// <summary>Configuration section <c>Orders</c>.</summary>
internal sealed class OrdersOptions
{
    /// <summary><c>Orders:PaymentWindow</c>: how long an unpaid order holds its stock (default 30 minutes).</summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(30);
}
