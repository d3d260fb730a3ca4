using System.Globalization;

namespace Marketplace.Exhibitions.Exhibitions;

/// <summary>
/// Exhibition times are Asia/Jakarta (WIB). Indonesia has had no daylight saving since 1964, so WIB is a fixed UTC+7
/// and a fixed offset is exact — and does not depend on the host having a time-zone database.
/// </summary>
internal static class Jakarta
{
    public const string TimeZone = "Asia/Jakarta";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The WIB calendar day as yyyymmdd.</summary>
    public static int Day(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return (local.Year * 10_000) + (local.Month * 100) + local.Day;
    }

    public static string DayText(int day) =>
        new DateOnly(day / 10_000, day / 100 % 100, day % 100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601; a time without an offset ("2026-12-01T09:00") is read as WIB.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            value = new DateTimeOffset(parsed, Offset).ToUniversalTime();
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return false;
        }

        value = withOffset.ToUniversalTime();
        return value.Year is >= 2000 and <= 2200;
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException("Not an ISO 8601 time: " + text);
}
