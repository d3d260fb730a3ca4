using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace Marketplace.Testing;

/// <summary>
/// A local stand-in for Stripe's API on a loopback port, speaking its documented wire format: form-encoded requests
/// (<c>POST /v1/payment_intents</c>, <c>POST /v1/checkout/sessions</c> (hosted Checkout: <see cref="PaySession"/> plays the
/// shopper paying on its page), <c>POST /v1/refunds</c>, honouring <c>Idempotency-Key</c>, <c>GET /v1/refunds?payment_intent=</c>), JSON objects with
/// their <c>object</c> type, and webhook events signed the way Stripe signs them
/// (<c>Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "{t}.{payload}")</c>). Refunds are checked the way Stripe checks
/// them: the PaymentIntent must exist, the amount must be positive, and all refunds of an intent together may not exceed
/// what it charged (<c>400 invalid_request_error</c>, <c>charge_already_refunded</c> / <c>amount_too_large</c>).
/// </summary>
public sealed class StripeDouble : IDisposable
{
    public const string SecretKey = "sk_test_marketplace_double";
    public const string WebhookSecret = "whsec_marketplace_double_secret";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, JsonObject> _byIdempotencyKey = new();
    private readonly CancellationTokenSource _stop = new();

    public StripeDouble()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentDictionary<string, JsonObject> PaymentIntents { get; } = new();

    public ConcurrentQueue<JsonObject> Refunds { get; } = new();

    /// <summary>Checkout Sessions (hosted payment pages) by id.</summary>
    public ConcurrentDictionary<string, JsonObject> CheckoutSessions { get; } = new();

    /// <summary>
    /// The shopper pays on the session's hosted page: as at Stripe, the session's PaymentIntent is made only now (with the
    /// session's <c>payment_intent_data[metadata]</c>) and charged. Returns the succeeded PaymentIntent for the webhook.
    /// </summary>
    public JsonObject PaySession(string sessionId)
    {
        var session = CheckoutSessions[sessionId];
        var id = "pi_" + Guid.NewGuid().ToString("N")[..24];
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = session["amount_total"]!.GetValue<long>(),
            ["currency"] = session["currency"]!.GetValue<string>(),
            ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}",
            ["status"] = "requires_payment_method",
            ["livemode"] = false,
            ["metadata"] = session["payment_intent_metadata"]!.DeepClone(),
        };
        PaymentIntents[id] = intent;
        session["payment_intent"] = id;
        session["status"] = "complete";
        session["payment_status"] = "paid";
        return Succeeded(id);
    }

    /// <summary>The session whose hosted page is at <paramref name="url"/> (what checkout answered as checkoutUrl).</summary>
    public JsonObject SessionAt(string url) => CheckoutSessions.Values.Single(s => s["url"]!.GetValue<string>() == url);

    /// <summary>The refunds made against one PaymentIntent, in minor units.</summary>
    public long RefundedOf(string intentId) => Refunds.Where(r => r["payment_intent"]!.GetValue<string>() == intentId).Sum(r => r["amount"]!.GetValue<long>());

    private readonly Lock _refundGate = new();

    /// <summary>When set, the next API calls answer 500 (Stripe having a bad day).</summary>
    public bool Failing { get; set; }

    public string? LastAuthorization { get; private set; }

    /// <summary>Runs after a PaymentIntent is made and before the API answers: a webhook "during" the checkout.</summary>
    public Func<JsonObject, Task>? OnPaymentIntentCreated { get; set; }

    /// <summary>Runs after a refund is made and before the API answers (e.g. to kill the caller between the two).</summary>
    public Func<JsonObject, Task>? OnRefundCreated { get; set; }

    /// <summary>
    /// While set, a refund is made but every answer to it (also to a retry with its idempotency key) is a 500 (Stripe's
    /// own documented ambiguity: the request may or may not have been processed), as when answers are lost on the way back.
    /// </summary>
    public bool LoseRefundAnswers { get; set; }

    /// <summary>A signed webhook delivery: the payload and its Stripe-Signature header.</summary>
    public static (string Payload, string Signature) SignedEvent(string type, JsonObject dataObject, string? eventId = null, string secret = WebhookSecret, DateTimeOffset? at = null)
    {
        var payload = new JsonObject
        {
            ["id"] = eventId ?? "evt_" + Guid.NewGuid().ToString("N"),
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();
        return (payload, Sign(payload, secret, at));
    }

    /// <summary>The Stripe-Signature header for any body, as Stripe computes it: HMAC-SHA256 over "{t}.{payload}".</summary>
    public static string Sign(string payload, string secret = WebhookSecret, DateTimeOffset? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}")));
        return $"t={t},v1={v1}";
    }

    /// <summary>The PaymentIntent as Stripe would send it after the card was charged.</summary>
    public JsonObject Succeeded(string intentId)
    {
        var intent = (JsonObject)PaymentIntents[intentId].DeepClone();
        intent["status"] = "succeeded";
        intent["amount_received"] = intent["amount"]!.GetValue<long>();
        return intent;
    }

    public JsonObject Failed(string intentId)
    {
        var intent = (JsonObject)PaymentIntents[intentId].DeepClone();
        intent["status"] = "requires_payment_method";
        intent["last_payment_error"] = new JsonObject { ["code"] = "card_declined", ["type"] = "card_error", ["message"] = "Your card was declined." };
        return intent;
    }

    public JsonObject RefundedCharge(string intentId)
    {
        var amount = PaymentIntents[intentId]["amount"]!.GetValue<long>();
        return new JsonObject
        {
            ["id"] = "ch_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "charge",
            ["amount"] = amount,
            ["amount_refunded"] = amount,
            ["currency"] = "idr",
            ["payment_intent"] = intentId,
            ["refunded"] = true,
            ["paid"] = true,
            ["status"] = "succeeded",
        };
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private (int Status, JsonObject Response) CreateRefund(System.Collections.Specialized.NameValueCollection form, string? key)
    {
        static JsonObject Invalid(string code, string message, string param) =>
            new() { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = code, ["message"] = message, ["param"] = param } };

        var intentId = form["payment_intent"];
        if (intentId is null || !PaymentIntents.TryGetValue(intentId, out var intent))
        {
            return (404, Invalid("resource_missing", $"No such payment_intent: '{intentId}'", "payment_intent"));
        }

        lock (_refundGate)
        {
            // Checked again under the lock: two requests with one key at the same moment make one refund, as at Stripe.
            if (key is not null && _byIdempotencyKey.TryGetValue("/v1/refunds" + key, out var earlier))
            {
                return (200, earlier);
            }

            var charged = intent["amount"]!.GetValue<long>();
            var amount = form["amount"] is { } given ? long.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : charged - RefundedOf(intentId);
            if (amount <= 0)
            {
                return (400, Invalid("parameter_invalid_integer", "Invalid positive integer", "amount"));
            }

            if (RefundedOf(intentId) + amount > charged)
            {
                return (400, Invalid(RefundedOf(intentId) >= charged ? "charge_already_refunded" : "amount_too_large",
                    $"Refund amount ({amount}) is greater than unrefunded amount on charge ({charged - RefundedOf(intentId)})", "amount"));
            }

            var refund = new JsonObject
            {
                ["id"] = "re_" + Guid.NewGuid().ToString("N")[..24],
                ["object"] = "refund",
                ["amount"] = amount,
                ["currency"] = "idr",
                ["payment_intent"] = intentId,
                ["status"] = "succeeded",
                ["metadata"] = Metadata(form),
            };
            Refunds.Enqueue(refund);
            if (key is not null)
            {
                _byIdempotencyKey.TryAdd("/v1/refunds" + key, refund);
            }

            return (200, refund);
        }
    }

    private static JsonObject Metadata(System.Collections.Specialized.NameValueCollection form, string prefix = "metadata[")
    {
        var metadata = new JsonObject();
        foreach (var name in form.AllKeys.Where(k => k is not null && k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            metadata[name![prefix.Length..^1]] = form[name];
        }

        return metadata;
    }

    /// <summary>
    /// A payment-mode session as Stripe checks and answers it: success_url, cancel_url and one priced line are required,
    /// expires_at is 30 minutes to 24 hours away; no PaymentIntent until the shopper pays (Stripe's API since 2022-08-01).
    /// </summary>
    private (int Status, JsonObject Response) CreateCheckoutSession(System.Collections.Specialized.NameValueCollection form)
    {
        static JsonObject Invalid(string message, string param) =>
            new() { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "parameter_invalid", ["message"] = message, ["param"] = param } };

        foreach (var required in new[] { "mode", "success_url", "cancel_url", "line_items[0][price_data][unit_amount]", "line_items[0][price_data][currency]", "line_items[0][quantity]" })
        {
            if (string.IsNullOrEmpty(form[required]))
            {
                return (400, Invalid($"Missing required param: {required}.", required));
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (form["expires_at"] is { } expiresAt && long.Parse(expiresAt, System.Globalization.CultureInfo.InvariantCulture) is var at
            && (at < now + (30 * 60) - 5 || at > now + (24 * 3600)))
        {
            return (400, Invalid("The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at"));
        }

        var id = "cs_test_" + Guid.NewGuid().ToString("N");
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = form["mode"],
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = long.Parse(form["line_items[0][price_data][unit_amount]"]!, System.Globalization.CultureInfo.InvariantCulture)
                               * long.Parse(form["line_items[0][quantity]"]!, System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = form["line_items[0][price_data][currency]"],
            ["client_reference_id"] = form["client_reference_id"],
            ["success_url"] = form["success_url"],
            ["cancel_url"] = form["cancel_url"],
            ["url"] = $"{Url}/c/pay/{id}",
            ["payment_intent"] = null,
            ["metadata"] = Metadata(form),
            ["livemode"] = false,
        };
        CheckoutSessions[id] = session;
        // Kept beside the session (Stripe keeps it for the PaymentIntent it makes at payment), answered without it.
        var answer = (JsonObject)session.DeepClone();
        session["payment_intent_metadata"] = Metadata(form, "payment_intent_data[metadata][");
        return (200, answer);
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        LastAuthorization = request.Headers["Authorization"];
        var form = HttpUtility.ParseQueryString(body);
        var key = request.Headers["Idempotency-Key"];
        JsonObject response;
        var status = 200;
        if (Failing)
        {
            status = 500;
            response = new JsonObject { ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "Something went wrong on Stripe's end." } };
        }
        else if (LastAuthorization != "Bearer " + SecretKey)
        {
            status = 401;
            response = new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "Invalid API Key provided." } };
        }
        else if (key is not null && _byIdempotencyKey.TryGetValue(request.Url!.AbsolutePath + key, out var replay))
        {
            response = replay;
        }
        else if (request.HttpMethod == "POST" && request.Url!.AbsolutePath == "/v1/payment_intents")
        {
            var id = "pi_" + Guid.NewGuid().ToString("N")[..24];
            var metadata = Metadata(form);

            response = new JsonObject
            {
                ["id"] = id,
                ["object"] = "payment_intent",
                ["amount"] = long.Parse(form["amount"]!, System.Globalization.CultureInfo.InvariantCulture),
                ["currency"] = form["currency"],
                ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}",
                ["status"] = "requires_payment_method",
                ["livemode"] = false,
                ["metadata"] = metadata,
            };
            PaymentIntents[id] = response;
            if (OnPaymentIntentCreated is { } hook)
            {
                await hook(response);
            }
        }
        else if (request.HttpMethod == "POST" && request.Url!.AbsolutePath == "/v1/checkout/sessions")
        {
            (status, response) = CreateCheckoutSession(form);
        }
        else if (request.HttpMethod == "POST" && request.Url!.AbsolutePath == "/v1/refunds")
        {
            (status, response) = CreateRefund(form, key);
            if (status == 200)
            {
                if (OnRefundCreated is { } hook)
                {
                    await hook(response);
                }
            }
        }
        else if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/v1/refunds")
        {
            // GET /v1/refunds?payment_intent=…: a list object, newest first (one page: the double never has many).
            var intent = request.QueryString["payment_intent"];
            var data = new JsonArray([.. Refunds.Where(r => intent is null || r["payment_intent"]!.GetValue<string>() == intent).Reverse().Select(r => r.DeepClone())]);
            response = new JsonObject { ["object"] = "list", ["url"] = "/v1/refunds", ["has_more"] = false, ["data"] = data };
        }
        else
        {
            status = 404;
            response = new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "Unrecognized request URL." } };
        }

        if (status == 200 && key is not null)
        {
            _byIdempotencyKey.TryAdd(request.Url!.AbsolutePath + key, response);
        }

        if (LoseRefundAnswers && status == 200 && request.HttpMethod == "POST" && request.Url!.AbsolutePath == "/v1/refunds")
        {
            // Made (or replayed by its key, as Stripe.net's own retries get), but the caller only ever sees a 500.
            status = 500;
            response = new JsonObject { ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "An unknown error occurred." } };
        }

        var bytes = Encoding.UTF8.GetBytes(response.ToJsonString(new JsonSerializerOptions()));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
