using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Marketplace.Security.Tests;

/// <summary>Builds JWTs by hand, as an attacker would: any header, any claims, any key (or none).</summary>
internal static class Tokens
{
    public static string Forge(object header, object payload, byte[]? key)
    {
        var signingInput = B64(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + B64(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = key is null ? "" : B64(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static object Claims(Guid userId, string role, DateTimeOffset expires) => new Dictionary<string, object>
    {
        ["sub"] = userId.ToString(),
        ["email"] = "forged@tests.marketplace.id",
        ["name"] = "Forged",
        ["role"] = role,
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["iss"] = "marketplace",
        ["aud"] = "marketplace-api",
        ["iat"] = expires.AddMinutes(-15).ToUnixTimeSeconds(),
        ["nbf"] = expires.AddMinutes(-15).ToUnixTimeSeconds(),
        ["exp"] = expires.ToUnixTimeSeconds(),
    };

    /// <summary>The payload of a real token, as JSON.</summary>
    public static Dictionary<string, JsonElement> Payload(string token) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Unb64(token.Split('.')[1]))!;

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Unb64(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
