using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Commerce.Tests;

/// <summary>
/// Signed but malformed Stripe events, generated: every field of the three event types the service handles is replaced
/// by values of every wrong JSON type (or removed), plus whole-body oddities and nesting bombs. None may be a 5xx; the
/// parts every event must have (id, type, data, data.object, data.object.id) broken are a 400 that records nothing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StripeWebhookBatteryTests(CommerceApp app)
{
    private static readonly string[] Types = ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"];

    // Without these an event is not an event: a 400, always.
    private static readonly string[] Required = ["id", "type", "data", "data.object", "data.object.id"];

    private static readonly string[] Optional =
    [
        "object", "created", "livemode", "api_version", "pending_webhooks", "request", "request.id",
        "data.object.object", "data.object.amount", "data.object.currency", "data.object.status", "data.object.metadata",
        "data.object.metadata.orderGroupId", "data.object.payment_intent", "data.object.refunded", "data.object.last_payment_error",
        "data.previous_attributes",
    ];

    private static readonly Func<JsonNode?>[] WrongValues =
    [
        () => 12345, () => -1, () => 1e308, () => 3.5, () => true, () => null, () => "", () => "x\u0000y",
        () => new string('a', 20_000), () => new JsonArray(), () => new JsonArray(1, "a", null), () => new JsonObject(),
        () => new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } }, () => "9999999999999999999999999999",
    ];

    private static JsonObject Event(string type, string eventId) => new()
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = type.StartsWith("charge", StringComparison.Ordinal) ? "ch_battery" : "pi_battery_unknown",
                ["object"] = type.StartsWith("charge", StringComparison.Ordinal) ? "charge" : "payment_intent",
                ["amount"] = 1000,
                ["currency"] = "idr",
                ["status"] = "succeeded",
                ["metadata"] = new JsonObject { ["orderGroupId"] = Guid.NewGuid().ToString() },
                ["payment_intent"] = "pi_battery_unknown",
                ["refunded"] = true,
                ["last_payment_error"] = new JsonObject { ["code"] = "card_declined" },
            },
        },
    };

    private async Task<int> DeliverAsync(string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeDouble.Sign(payload));
        var response = await app.Anonymous().Http.SendAsync(request);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} for {Shorten(payload)}: {await response.Content.ReadAsStringAsync()}");
        return status;
    }

    private static string Shorten(string payload) => payload.Length > 300 ? payload[..300] + "…" : payload;

    private static JsonObject Mutate(JsonObject original, string path, JsonNode? value, bool remove)
    {
        var copy = (JsonObject)original.DeepClone();
        var parts = path.Split('.');
        JsonNode? parent = copy;
        foreach (var part in parts[..^1])
        {
            parent = parent?[part];
            if (parent is not JsonObject)
            {
                return copy;
            }
        }

        var target = (JsonObject)parent!;
        if (remove)
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = value;
        }

        return copy;
    }

    [Fact]
    public async Task Every_generated_malformed_signed_event_is_answered_without_a_5xx_and_broken_essentials_are_400()
    {
        var delivered = 0;
        var statuses = new Dictionary<int, int>();
        foreach (var type in Types)
        {
            foreach (var path in Required.Concat(Optional))
            {
                var required = Required.Contains(path);
                foreach (var (value, remove) in WrongValues.Select(v => (v(), false)).Append((null, true)))
                {
                    // A fresh id each time: an id already recorded would be answered "already_processed" unread.
                    var mutated = Mutate(Event(type, "evt_battery_" + Guid.NewGuid().ToString("N")), path, value, remove);
                    var status = await DeliverAsync(mutated.ToJsonString());
                    delivered++;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    // A non-empty string is still the right shape for the three string essentials.
                    var stillValid = !remove && path is "id" or "type" or "data.object.id" && value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0;
                    if (required && !stillValid)
                    {
                        Assert.True(status == 400, $"{path} = {(remove ? "(removed)" : value?.ToJsonString() ?? "null")} on {type} gave {status}");
                    }
                }
            }
        }

        Assert.True(delivered > 900, $"only {delivered} deliveries");
        Assert.True(statuses.GetValueOrDefault(400) > 200, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
    }

    [Fact]
    public async Task Bodies_that_are_not_event_objects_or_are_nested_too_deep_are_400()
    {
        var deep = new StringBuilder();
        deep.Append(new string('[', 2000)).Append(new string(']', 2000));
        var bomb = Event("payment_intent.succeeded", "evt_bomb").ToJsonString()
            .Replace("\"metadata\":{", "\"metadata\":{\"bomb\":" + deep + ",", StringComparison.Ordinal);
        string[] bodies =
        [
            "[]", "null", "\"event\"", "42", "{}", "", " ", "{", "{\"id\":", deep.ToString(), bomb,
            "\uFEFF" + Event("payment_intent.succeeded", "evt_bom").ToJsonString()[..20],
            "{\"id\":\"evt_dup\",\"id\":12,\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_x\"}}}",
        ];
        foreach (var body in bodies)
        {
            Assert.Equal(400, await DeliverAsync(body));
        }
    }

    [Fact]
    public async Task An_event_with_a_null_type_is_refused_and_not_recorded_so_the_real_one_still_applies_later()
    {
        var (_, _, product) = await app.MerchantWithProductAsync(stock: 5);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(product, 1);
        var placed = await shopper.CheckoutOkAsync(Fixtures.CheckoutBody("stripe"));
        var intentId = placed["payment"]!["paymentIntentId"]!.GetValue<string>();
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var (payload, _) = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId), eventId);

        var nullType = JsonNode.Parse(payload)!.AsObject();
        nullType["type"] = null;
        Assert.Equal(400, await DeliverAsync(nullType.ToJsonString()));
        var nullData = JsonNode.Parse(payload)!.AsObject();
        nullData["data"] = null;
        Assert.Equal(400, await DeliverAsync(nullData.ToJsonString()));

        var applied = await app.Anonymous().Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            Headers = { { "Stripe-Signature", StripeDouble.Sign(payload) } },
        });
        await applied.ShouldHaveStatusAsync(200);
        Assert.Equal("paid", (await applied.JsonAsync())["outcome"]!.GetValue<string>());
    }
}
