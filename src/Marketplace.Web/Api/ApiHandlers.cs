using System.Net.Http.Headers;
using Marketplace.Web.Session;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Api;

/// <summary>
/// Where the API is: <c>Web:ApiBaseUrl</c>, or this host's own listening address (found once the server has started),
/// preferring plain HTTP on loopback so an in-process call never leaves the machine.
/// </summary>
internal sealed class ApiAddress(IOptions<WebOptions> options, IServiceProvider services)
{
    private Uri? _address;

    public Uri Get()
    {
        if (_address is not null)
        {
            return _address;
        }

        if (options.Value.ApiBaseUrl is { Length: > 0 } configured)
        {
            return _address = new Uri(configured.TrimEnd('/') + "/");
        }

        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("Web:ApiBaseUrl is empty and the host listens on no address; set Web:ApiBaseUrl.");
        var uri = new UriBuilder(chosen.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }

        return _address = new Uri(uri.Uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}

/// <summary>Points every API call at <see cref="ApiAddress"/> (it is known only after the server starts).</summary>
internal sealed class ApiAddressHandler(ApiAddress address) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            var relative = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
            request.RequestUri = new Uri(address.Get(), relative.TrimStart('/'));
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Adds what the signed-in shopper or guest brings: the access token (refreshed when close to expiry, and once more on
/// a 401), the guest cart token, the shopper's language, and the shopper's address as X-Forwarded-For (the host trusts
/// it only from loopback, so per-client limits such as sign-in attempts count each shopper, not the web).
/// Handlers live outside the request's scope, so the request's <see cref="WebSession"/> is reached through the context.
/// </summary>
internal sealed class ApiSessionHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext;
        if (context is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var session = context.RequestServices.GetRequiredService<WebSession>();
        var path = request.RequestUri?.AbsolutePath ?? "";
        var isAuthCall = path.Contains("/api/v1/auth/", StringComparison.Ordinal);

        if (context.Connection.RemoteIpAddress is { } remote)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }

        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
        if (!request.Headers.Contains("X-Cart-Token") && session.CartToken is { } cartToken && !session.IsSignedIn)
        {
            request.Headers.TryAddWithoutValidation("X-Cart-Token", cartToken);
        }

        string? token = null;
        if (!isAuthCall && session.IsSignedIn)
        {
            token = await session.AccessTokenAsync(forceRefresh: false, cancellationToken);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && token is not null)
        {
            // The token was revoked or the clocks disagree: refresh once and retry (JSON bodies serialize again; checkout keeps its Idempotency-Key).
            var fresh = await session.AccessTokenAsync(forceRefresh: true, cancellationToken);
            if (fresh is not null && fresh != token)
            {
                response.Dispose();
                var retry = await CloneAsync(request, cancellationToken);
                retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
                return await base.SendAsync(retry, cancellationToken);
            }
        }

        return response;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(ct);
            var content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            clone.Content = content;
        }

        return clone;
    }
}
