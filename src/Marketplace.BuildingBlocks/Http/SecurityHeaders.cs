using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// A Content-Security-Policy under construction for one response. Starts strict (<see cref="Default"/>: same-origin
/// only, no inline script, no plugins, no framing); a page adds what it needs — a source, or the hash of an inline
/// script (<see cref="AllowInlineScript"/>) — through <see cref="SecurityHeaders.ResponseContentSecurityPolicy(HttpContext)"/>
/// or endpoint metadata (<see cref="SecurityHeaders.WithContentSecurityPolicy{TBuilder}"/>), before the response starts.
/// </summary>
public sealed class ContentSecurityPolicy
{
    private readonly Dictionary<string, List<string>> _directives = new(StringComparer.Ordinal);

    public static ContentSecurityPolicy Default() => new ContentSecurityPolicy()
        .Allow("default-src", "'self'")
        .Allow("script-src", "'self'")
        // Inline style attributes are common in pages and far less dangerous than script; scripts stay strict.
        .Allow("style-src", "'self'", "'unsafe-inline'")
        .Allow("img-src", "'self'", "data:", "https:")
        .Allow("font-src", "'self'")
        .Allow("connect-src", "'self'")
        .Allow("object-src", "'none'")
        .Allow("base-uri", "'self'")
        .Allow("form-action", "'self'")
        .Allow("frame-ancestors", "'none'");

    /// <summary>Adds sources to a directive (<c>'none'</c> is dropped once anything else is allowed).</summary>
    public ContentSecurityPolicy Allow(string directive, params string[] sources)
    {
        if (!_directives.TryGetValue(directive, out var list))
        {
            _directives[directive] = list = [];
        }

        foreach (var source in sources)
        {
            if (!list.Contains(source, StringComparer.Ordinal))
            {
                list.Add(source);
            }
        }

        if (list.Count > 1)
        {
            list.Remove("'none'");
        }

        return this;
    }

    /// <summary>Allows exactly this inline script (its SHA-256, as CSP Level 2 defines), and nothing else inline.</summary>
    public ContentSecurityPolicy AllowInlineScript(string script) =>
        Allow("script-src", "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'");

    public IReadOnlyList<string> Sources(string directive) =>
        _directives.TryGetValue(directive, out var list) ? list : [];

    public override string ToString() => string.Join("; ", _directives.Select(d => d.Key + " " + string.Join(' ', d.Value)));
}

/// <summary>Endpoint metadata: how a page widens the default policy, and whether its inline scripts are hashed in.</summary>
public sealed record ContentSecurityPolicyMetadata(Action<ContentSecurityPolicy> Extend, bool HashInlineScripts);

/// <summary>
/// Headers every response carries: <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy</c>,
/// <c>X-Frame-Options: DENY</c>, the Content-Security-Policy, and <c>Cache-Control: no-store</c> on API responses to an
/// authenticated request (they are someone's own data: no shared or browser cache keeps them).
/// </summary>
public static partial class SecurityHeaders
{
    private const int MaxHashedPageBytes = 512 * 1024;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var policy = ContentSecurityPolicy.Default();
            http.Features.Set(policy);
            http.Response.OnStarting(() =>
            {
                Apply(http, policy);
                return Task.CompletedTask;
            });

            var metadata = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>();
            if (metadata is { HashInlineScripts: true })
            {
                await HashInlineScriptsAsync(http, policy, next);
                return;
            }

            await next(http);
        });

    /// <summary>This response's policy; add to it before the response starts.</summary>
    public static ContentSecurityPolicy ResponseContentSecurityPolicy(this HttpContext http) =>
        http.Features.Get<ContentSecurityPolicy>() ?? throw new InvalidOperationException("UseSecurityHeaders is not in the pipeline.");

    /// <summary>
    /// Widens the policy for this endpoint (e.g. a page that embeds a video host). With
    /// <paramref name="hashInlineScripts"/>, the page's HTML is buffered and the hash of each of its inline scripts is
    /// allowed, so a page with a small inline script still needs no <c>'unsafe-inline'</c>.
    /// </summary>
    public static TBuilder WithContentSecurityPolicy<TBuilder>(this TBuilder builder, Action<ContentSecurityPolicy> extend, bool hashInlineScripts = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContentSecurityPolicyMetadata(extend, hashInlineScripts));

    private static void Apply(HttpContext http, ContentSecurityPolicy policy)
    {
        http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Extend(policy);
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = policy.ToString();
        var authenticated = http.User.Identity?.IsAuthenticated == true || http.Request.Headers.Authorization.Count > 0;
        if (authenticated && http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
    }

    private static async Task HashInlineScriptsAsync(HttpContext http, ContentSecurityPolicy policy, RequestDelegate next)
    {
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        buffer.Position = 0;
        if (buffer.Length <= MaxHashedPageBytes && http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            foreach (Match script in InlineScript().Matches(html))
            {
                policy.AllowInlineScript(script.Groups["body"].Value);
            }
        }

        http.Response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    // An inline script: a <script> tag without a src attribute; its body is hashed exactly as the browser sees it.
    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
