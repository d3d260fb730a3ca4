namespace Marketplace.Identity.Tokens;

/// <summary>Bound from <c>Identity:Jwt</c>.</summary>
internal sealed class JwtOptions
{
    public string Issuer { get; set; } = "marketplace";

    public string Audience { get; set; } = "marketplace-api";

    /// <summary>HMAC-SHA256 key (at least 32 characters). Empty: one is generated and kept under the data directory.</summary>
    public string SigningKey { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
