namespace Marketplace.Ledger.Payouts;

/// <summary>
/// A bank shops can be paid out to: its Bank Indonesia clearing code (sandi bank, three digits), its name, and the shape
/// of its account numbers (digits only, a length range). The shape catches typos; it does not prove the account exists
/// (a disbursement provider's account inquiry does that).
/// </summary>
internal sealed record Bank(string Code, string Name, int MinDigits, int MaxDigits);

internal static class Banks
{
    public static readonly IReadOnlyList<Bank> All =
    [
        new("002", "Bank Rakyat Indonesia (BRI)", 15, 15),
        new("008", "Bank Mandiri", 13, 13),
        new("009", "Bank Negara Indonesia (BNI)", 10, 10),
        new("011", "Bank Danamon", 9, 10),
        new("013", "Bank Permata", 10, 16),
        new("014", "Bank Central Asia (BCA)", 10, 10),
        new("016", "Maybank Indonesia", 10, 12),
        new("019", "Panin Bank", 10, 10),
        new("022", "CIMB Niaga", 12, 14),
        new("028", "OCBC NISP", 12, 12),
        new("110", "Bank BJB", 13, 13),
        new("111", "Bank DKI", 10, 13),
        new("112", "BPD DIY (Bank BPD DIY)", 8, 16),
        new("113", "Bank Jateng", 8, 16),
        new("114", "Bank Jatim", 10, 10),
        new("120", "Bank Sumsel Babel", 8, 16),
        new("147", "Bank Muamalat", 10, 10),
        new("153", "Bank Sinarmas", 10, 10),
        new("200", "Bank Tabungan Negara (BTN)", 16, 16),
        new("213", "Bank SMBC Indonesia (BTPN)", 8, 16),
        new("426", "Bank Mega", 8, 16),
        new("451", "Bank Syariah Indonesia (BSI)", 10, 10),
        new("490", "Bank Neo Commerce", 12, 12),
        new("535", "SeaBank Indonesia", 12, 12),
        new("542", "Bank Jago", 12, 12),
    ];

    private static readonly Dictionary<string, Bank> ByCode = All.ToDictionary(b => b.Code);

    public static Bank? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var bank) ? bank : null;

    /// <summary>All but the last four digits hidden: <c>1234567890</c> → <c>******7890</c>.</summary>
    public static string Mask(string accountNumber) =>
        accountNumber.Length <= 4 ? new string('*', accountNumber.Length) : new string('*', accountNumber.Length - 4) + accountNumber[^4..];
}
