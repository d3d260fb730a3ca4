namespace Marketplace.Web;

/// <summary>Configuration section <c>Web</c>.</summary>
internal sealed class WebOptions
{
    /// <summary>Serve the pages at "/" (default). Off: the host serves only the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The API the pages call. Empty (default): this same host, over loopback HTTP to the address it listens on, so a
    /// page goes through exactly the pipeline an integrator's request does.
    /// </summary>
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>The public address of the site for canonical URLs, Open Graph and sitemap.xml; empty: the request's own.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>
    /// Where the Data Protection keys (session data, antiforgery tokens) are kept; empty: <c>{DataDirectory}/web-keys</c>.
    /// Every instance behind one load balancer must point at the same folder (a shared volume). Read at start-up.
    /// </summary>
    public string KeysDirectory { get; set; } = "";

    /// <summary>How long a signed-in session lives without use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);
}
