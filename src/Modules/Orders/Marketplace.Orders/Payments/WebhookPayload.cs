using System.Text.Json;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Orders.Payments;

/// <summary>
/// The shape every Stripe event has (https://docs.stripe.com/api/events/object), checked on the raw JSON before
/// Stripe.net sees it: a string <c>id</c> and <c>type</c>, an object <c>data</c> whose <c>object</c> is an object with a
/// string <c>id</c>, and nesting no deeper than <see cref="MaxDepth"/> (real events stay under 15).
/// </summary>
internal static class WebhookPayload
{
    public const int MaxDepth = 32;

    public static Error? Problem(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = MaxDepth });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Bad("body", "The event must be a JSON object.");
            }

            if (!IsNonEmptyString(root, "id"))
            {
                return Bad("id", "The event id must be a non-empty string.");
            }

            if (!IsNonEmptyString(root, "type"))
            {
                return Bad("type", "The event type must be a non-empty string.");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return Bad("data", "The event data must be an object.");
            }

            if (!data.TryGetProperty("object", out var dataObject) || dataObject.ValueKind != JsonValueKind.Object)
            {
                return Bad("data.object", "The event's data.object must be an object.");
            }

            return IsNonEmptyString(dataObject, "id") ? null : Bad("data.object.id", "The event's data.object.id must be a non-empty string.");
        }
        catch (JsonException)
        {
            return Bad("body", $"The payload is not JSON, or is nested deeper than {MaxDepth} levels.");
        }
    }

    private static bool IsNonEmptyString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    private static Error Bad(string field, string message) => Error.Validation(field, "payments.bad_payload", message);
}
