using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace Marketplace.Web.Session;

/// <summary>What the server keeps for a signed-in browser; the browser holds only a random session id.</summary>
internal sealed record SessionData(
    Guid UserId, string Email, string DisplayName, string Role, string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt);

/// <summary>
/// The shopper's session for one request. The cookie <c>mp_sid</c> holds a random 256-bit id; the API's tokens live on
/// the server in <see cref="IDistributedCache"/> (Redis when configured, so every instance sees the session), encrypted
/// with Data Protection. The access token is refreshed when it is about to expire; a refresh the API refuses ends the
/// session (<see cref="Expired"/>). A guest's cart token is a cookie of its own (<c>mp_cart</c>).
/// </summary>
internal sealed class WebSession(
    IHttpContextAccessor accessor,
    IDistributedCache store,
    IDataProtectionProvider protection,
    IOptions<WebOptions> options,
    TimeProvider clock)
{
    public const string SessionCookie = "mp_sid";
    public const string CartCookie = "mp_cart";
    public const string CartCountCookie = "mp_cc";
    public const string VisitorCookie = "mp_vid";

    // One refresh at a time per session in this process: refresh tokens are single use, so two parallel refreshes would
    // end the session.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> RefreshLocks = new(StringComparer.Ordinal);

    private readonly IDataProtector _protector = protection.CreateProtector("Marketplace.Web.Session.v1");
    private bool _loaded;
    private SessionData? _data;
    private string? _id;

    private HttpContext Context => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    public bool IsSignedIn => Data is not null;

    /// <summary>True when the browser brought a session the server no longer honours (signed out elsewhere, refresh refused).</summary>
    public bool Expired { get; private set; }

    public SessionData? Data
    {
        get
        {
            if (!_loaded)
            {
                throw new InvalidOperationException("Call LoadAsync first (the web middleware does it for every page).");
            }

            return _data;
        }
    }

    public string? CartToken => Context.Request.Cookies[CartCookie] is { Length: > 0 and <= 200 } token ? token : null;

    /// <summary>The number of items in the cart as last seen (the header badge), without asking the API on every page.</summary>
    public int CartCount => int.TryParse(Context.Request.Cookies[CartCountCookie], out var n) && n is >= 0 and < 100_000 ? n : 0;

    /// <summary>A stable random id per browser for booth visit counting (no personal data).</summary>
    public string VisitorId
    {
        get
        {
            if (Context.Request.Cookies[VisitorCookie] is { Length: >= 8 and <= 64 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return id;
            }

            var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            if (!Context.Response.HasStarted)
            {
                Context.Response.Cookies.Append(VisitorCookie, fresh, Cookie(TimeSpan.FromDays(365)));
            }

            return fresh;
        }
    }

    public async Task LoadAsync(CancellationToken ct)
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var id = Context.Request.Cookies[SessionCookie];
        if (id is not { Length: 43 })
        {
            return;
        }

        _id = id;
        _data = await ReadAsync(id, ct);
        Expired = _data is null;
    }

    public async Task SignInAsync(TokenResponse tokens, UserResponse user, CancellationToken ct)
    {
        if (_id is not null)
        {
            // A new session id at sign-in: an id planted before sign-in is worth nothing after it (session fixation).
            await store.RemoveAsync(Key(_id), ct);
        }

        _id = Base64Url(RandomNumberGenerator.GetBytes(32));
        _data = new SessionData(user.Id, user.Email, user.DisplayName, user.Role, tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt);
        _loaded = true;
        Expired = false;
        await WriteAsync(_id, _data, ct);
        Context.Response.Cookies.Append(SessionCookie, _id, Cookie(options.Value.SessionLifetime));
    }

    /// <summary>Who signed in, once the API told (<c>/me</c> needs the session's token first).</summary>
    public async Task SetUserAsync(UserResponse user, CancellationToken ct)
    {
        if (_id is null || _data is null)
        {
            return;
        }

        _data = _data with { UserId = user.Id, Email = user.Email, DisplayName = user.DisplayName, Role = user.Role };
        await WriteAsync(_id, _data, ct);
    }

    public async Task SignOutAsync(CancellationToken ct)
    {
        if (_id is not null)
        {
            await store.RemoveAsync(Key(_id), ct);
        }

        _data = null;
        _id = null;
        Context.Response.Cookies.Delete(SessionCookie);
        Context.Response.Cookies.Delete(CartCountCookie);
    }

    public void RememberCart(Cart cart)
    {
        if (Context.Response.HasStarted)
        {
            return;
        }

        if (!IsSignedIn && cart.Token is { Length: > 0 } token)
        {
            Context.Response.Cookies.Append(CartCookie, token, Cookie(TimeSpan.FromDays(30)));
        }

        Context.Response.Cookies.Append(CartCountCookie, cart.ItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Cookie(TimeSpan.FromDays(30)));
    }

    public void ForgetGuestCart()
    {
        if (!Context.Response.HasStarted)
        {
            Context.Response.Cookies.Delete(CartCookie);
        }
    }

    /// <summary>The access token, refreshed first when it expires within a minute (or when <paramref name="forceRefresh"/>).</summary>
    public async Task<string?> AccessTokenAsync(bool forceRefresh, CancellationToken ct)
    {
        if (_data is null || _id is null)
        {
            return null;
        }

        if (!forceRefresh && _data.AccessTokenExpiresAt - clock.GetUtcNow() > TimeSpan.FromMinutes(1))
        {
            return _data.AccessToken;
        }

        var gate = RefreshLocks.GetOrAdd(_id, _ => new SemaphoreSlim(1, 1));
        var seen = _data.AccessToken;
        await gate.WaitAsync(ct);
        try
        {
            // Another request of this session may have refreshed while this one waited.
            var current = await ReadAsync(_id, ct);
            if (current is null)
            {
                _data = null;
                Expired = true;
                return null;
            }

            if (current.AccessToken != seen)
            {
                _data = current;
                return current.AccessToken;
            }

            var api = Context.RequestServices.GetRequiredService<IMarketplaceApi>();
            try
            {
                var tokens = await api.RefreshAsync(new RefreshRequest(current.RefreshToken), ct);
                _data = current with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken, AccessTokenExpiresAt = tokens.ExpiresAt };
                await WriteAsync(_id, _data, ct);
                return _data.AccessToken;
            }
            catch (ApiException e) when ((int)e.StatusCode is 400 or 401 or 403 or 404)
            {
                await store.RemoveAsync(Key(_id), ct);
                _data = null;
                Expired = true;
                return null;
            }
        }
        finally
        {
            gate.Release();
            if (gate.CurrentCount == 1)
            {
                RefreshLocks.TryRemove(new KeyValuePair<string, SemaphoreSlim>(_id ?? "", gate));
            }
        }
    }

    private async Task<SessionData?> ReadAsync(string id, CancellationToken ct)
    {
        var bytes = await store.GetAsync(Key(id), ct);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SessionData>(_protector.Unprotect(bytes));
        }
        catch (CryptographicException)
        {
            // Written with a key this instance does not have (keys rotated or not shared): treat as signed out.
            return null;
        }
    }

    private Task WriteAsync(string id, SessionData data, CancellationToken ct) =>
        store.SetAsync(Key(id), _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(data)),
            new DistributedCacheEntryOptions { SlidingExpiration = options.Value.SessionLifetime }, ct);

    private CookieOptions Cookie(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = Context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = lifetime,
        Path = "/",
    };

    private static string Key(string id) => "web:session:" + id;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
