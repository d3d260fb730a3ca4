namespace Marketplace.Identity.Contracts;

/// <summary>
/// The demo accounts the seed creates, with stable ids so other modules' demo data can name their owners.
/// Printed at start-up; never created outside a demo seed.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Demo-Pasar-2026!";

    public const string AdminEmail = "admin@demo.marketplace.id";
    public const string ShopperEmail = "shopper@demo.marketplace.id";
    public const string OrganiserEmail = "organiser@demo.marketplace.id";

    public static readonly Guid AdminId = Guid.Parse("0190a000-0000-7000-8000-00000000a001");
    public static readonly Guid ShopperId = Guid.Parse("0190a000-0000-7000-8000-00000000b001");
    public static readonly Guid OrganiserId = Guid.Parse("0190a000-0000-7000-8000-00000000c001");

    /// <summary>How many merchant accounts the demo has; merchant <c>n</c> (1-based) owns demo shop <c>n</c>.</summary>
    public const int MerchantCount = 36;

    public static Guid MerchantId(int n) => Guid.Parse($"0190a000-0000-7000-8000-0000000d{n:D4}");

    public static string MerchantEmail(int n) => $"merchant{n:D2}@demo.marketplace.id";
}
