using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// Trust for HTTPS clusters: the machine's trust store as usual, or — when <c>Search:Elasticsearch:CertificateFingerprint</c>
/// is set — a certificate in the presented chain whose SHA-256 fingerprint matches (what Elasticsearch 8 prints as
/// "HTTP CA certificate SHA-256 fingerprint" on first start, and what the official clients accept).
/// </summary>
internal static class CertificatePinning
{
    public static SocketsHttpHandler Handler(ElasticsearchOptions options)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var fingerprint = Normalize(options.CertificateFingerprint);
        if (fingerprint.Length > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || Matches(fingerprint, certificate, chain);
        }

        return handler;
    }

    public static string Normalize(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    private static bool Matches(string fingerprint, X509Certificate? certificate, X509Chain? chain)
    {
        if (certificate is not null && Hash(certificate) == fingerprint)
        {
            return true;
        }

        return chain?.ChainElements.Any(element => Hash(element.Certificate) == fingerprint) ?? false;
    }

    private static string Hash(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
}
