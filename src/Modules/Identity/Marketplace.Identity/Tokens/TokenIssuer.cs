using System.Security.Claims;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Identity.Tokens;

internal sealed record TokenPair(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt)
{
    public Guid RefreshTokenId { get; init; }
}

/// <summary>Issues a short-lived JWT access token and a rotating refresh token for a user.</summary>
internal sealed class TokenIssuer(SigningKey signingKey, IOptions<JwtOptions> options, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public TokenPair Issue(IdentityDbContext db, User user, Guid? familyId = null)
    {
        var now = clock.GetUtcNow();
        var jwt = options.Value;
        var expires = now + jwt.AccessTokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Email, user.Email),
                new Claim(JwtRegisteredClaimNames.Name, user.DisplayName),
                new Claim("role", user.Role),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        };
        var accessToken = Handler.CreateToken(descriptor);

        var refreshValue = RefreshToken.NewTokenValue();
        var stored = new RefreshToken(user.Id, familyId ?? Guid.CreateVersion7(), RefreshToken.Hash(refreshValue), now, now + jwt.RefreshTokenLifetime);
        db.RefreshTokens.Add(stored);
        return new TokenPair(accessToken, refreshValue, expires) { RefreshTokenId = stored.Id };
    }
}
