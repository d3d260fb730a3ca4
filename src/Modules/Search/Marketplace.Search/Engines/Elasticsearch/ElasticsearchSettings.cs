using Microsoft.Extensions.Options;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>Start-up validation of <c>Search:Elasticsearch:*</c> beyond the URL (which SearchOptions checks).</summary>
internal sealed class ElasticsearchSettings : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options) =>
        options.Engine != SearchEngineKind.Elasticsearch || Problem(options.Elasticsearch) is not { } problem
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problem);

    public static string? Problem(ElasticsearchOptions o)
    {
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "Search:Elasticsearch:Url must be an absolute http(s) URL, e.g. http://localhost:9200.";
        }

        if (string.IsNullOrEmpty(o.Username) != string.IsNullOrEmpty(o.Password))
        {
            return "Search:Elasticsearch:Username and Search:Elasticsearch:Password go together.";
        }

        if (!string.IsNullOrEmpty(o.ApiKey) && !string.IsNullOrEmpty(o.Username))
        {
            return "Search:Elasticsearch: set ApiKey or Username/Password, not both.";
        }

        // Elasticsearch's rules for index names: lower case; none of \ / * ? " < > | space , # :; not starting with - _ +.
        var prefix = o.IndexPrefix;
        if (prefix != prefix.ToLowerInvariant() || prefix.IndexOfAny(['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':']) >= 0
            || prefix.StartsWith('-') || prefix.StartsWith('_') || prefix.StartsWith('+'))
        {
            return "Search:Elasticsearch:IndexPrefix must be lower case, must not start with -, _ or + and must not contain \\ / * ? \" < > | space , # or :.";
        }

        if (o.RequestTimeout <= TimeSpan.Zero || o.BulkTimeout <= TimeSpan.Zero)
        {
            return "Search:Elasticsearch:RequestTimeout and BulkTimeout must be positive.";
        }

        if (NormalizeFingerprint(o.CertificateFingerprint) is { Length: > 0 } pin && (pin.Length != 64 || !pin.All(Uri.IsHexDigit)))
        {
            return "Search:Elasticsearch:CertificateFingerprint must be a SHA-256 fingerprint: 64 hex digits (colons allowed).";
        }

        if (o.Shards is < 1 or > 1024 || o.Replicas is < 0 or > 16)
        {
            return "Search:Elasticsearch:Shards must be 1–1024 and Search:Elasticsearch:Replicas 0–16.";
        }

        return null;
    }

    /// <summary>
    /// A SHA-256 fingerprint as people paste it (Elasticsearch 8+ prints it with colons on first start): hex digits only,
    /// upper case — the form the client compares with the presented certificates.
    /// </summary>
    public static string NormalizeFingerprint(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
