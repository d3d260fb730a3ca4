using System.Security.Cryptography;
using System.Text;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Identity.Tokens;

/// <summary>
/// The token signing key: from configuration when set; otherwise generated once and kept in
/// <c>{DataDirectory}/jwt-signing.key</c>, so tokens survive a restart without anyone having to invent a secret.
/// </summary>
internal sealed class SigningKey
{
    public const int MinimumLength = 32;

    public SigningKey(JwtOptions jwt, DatabaseOptions database)
    {
        var secret = string.IsNullOrWhiteSpace(jwt.SigningKey) ? LoadOrCreate(database.DataDirectory) : jwt.SigningKey;
        if (secret.Length < MinimumLength)
        {
            throw new InvalidOperationException($"Identity:Jwt:SigningKey must be at least {MinimumLength} characters.");
        }

        Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = "marketplace-1" };
    }

    public SymmetricSecurityKey Key { get; }

    private static string LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "jwt-signing.key");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs so both sign alike.
            return File.ReadAllText(path).Trim();
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
