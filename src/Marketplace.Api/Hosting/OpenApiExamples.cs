using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Marketplace.Api.Hosting;

/// <summary>
/// Example bodies of the main requests, by operationId, as a merchant, shopper or organiser would send them. The linters
/// check each against its schema; the API tests check that these operations carry one.
/// </summary>
internal static class OpenApiExamples
{
    public static readonly IReadOnlyDictionary<string, string> RequestBodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Auth_Register"] = """
            {"email": "sari@keripik-sanan.id", "password": "Tempe-Sanan-2026!", "displayName": "Sari Wulandari", "role": "merchant"}
            """,
        ["Reviews_Post"] = """
            {
              "orderLineId": "0193a0c4-5b7e-7c4e-9a51-2f6d8e0b1a23",
              "rating": 5,
              "text": "<p>Renyah, gurih, dan sampai di Jakarta masih utuh. Pasti pesan lagi.</p>"
            }
            """,
        ["Auth_Login"] = """
            {"email": "sari@keripik-sanan.id", "password": "Tempe-Sanan-2026!"}
            """,
        ["Shops_Create"] = """
            {
              "name": "Keripik Tempe Sanan Bu Sari",
              "cityCode": "35.73",
              "subsectors": ["kuliner"],
              "story": "<p>Tempe from Kampung Sanan, Malang, sliced thin and fried the way Sari's mother did since 1985.</p>",
              "contactPhone": "+62 812-3456-7890",
              "contactEmail": "sari@keripik-sanan.id",
              "shippingFlatRate": {"amount": 1500000, "currency": "IDR"}
            }
            """,
        ["Products_Create"] = """
            {
              "name": "Keripik Tempe Original 250 g",
              "nameEn": "Original tempeh chips, 250 g",
              "description": "<p>Crisp tempeh chips with garlic and coriander leaf.</p>",
              "story": "<p>Made each morning in Sanan from soybeans fermented for two days.</p>",
              "price": {"amount": 1800000, "currency": "IDR"},
              "subsector": "kuliner",
              "category": "Keripik",
              "stock": 120,
              "attributes": {
                "pirtNumber": "P-IRT No. 2063573010123-25",
                "halalCertificate": "ID35110000123450521",
                "shelfLifeDays": 90,
                "materials": ["tempe", "tepung beras", "bawang putih"],
                "handmade": true
              },
              "originCityCode": "35.73"
            }
            """,
        ["Cart_AddItem"] = """
            {"productId": "0196f1c2-7a10-7c3e-9d41-2b5e8f0a6c11", "quantity": 2}
            """,
        ["Checkout_PlaceOrders"] = """
            {
              "shippingAddress": {
                "recipient": "Dewi Lestari",
                "phone": "+62 811-7000-123",
                "line1": "Jl. Merdeka No. 12, RT 03/RW 05, Kel. Talang Semut, Kec. Bukit Kecil",
                "cityCode": "16.71",
                "postalCode": "30135"
              },
              "paymentMethod": "manual",
              "voucherCode": "PAMERAN-KRIYA-10"
            }
            """,
        ["Exhibitions_Create"] = """
            {
              "title": "Festival Mbois Malang 2026",
              "theme": "Kuliner dan kriya Malang Raya",
              "description": "<p>Three weeks of Malang's makers in one virtual hall.</p>",
              "cityCode": "35.73",
              "startsAt": "2026-08-01T09:00:00+07:00",
              "endsAt": "2026-08-21T21:00:00+07:00",
              "subsectors": ["kuliner", "kriya", "fashion"],
              "tiers": [{"name": "Standard", "capacity": 60}, {"name": "Premium", "capacity": 10, "price": {"amount": 50000000, "currency": "IDR"}}],
              "halls": [{"name": "Hall Kuliner"}, {"name": "Hall Kriya"}]
            }
            """,
        ["Booths_Apply"] = """
            {
              "tier": "Standard",
              "hall": "Hall Kuliner",
              "pitch": "<p>Sanan tempeh chips, a Malang favourite, in five flavours.</p>",
              "productIds": ["0196f1c2-7a10-7c3e-9d41-2b5e8f0a6c11"]
            }
            """,
        ["Leads_Create"] = """
            {
              "kind": "quote",
              "name": "Budi Santoso",
              "contact": "budi@oleh-oleh-nusantara.co.id",
              "company": "Toko Oleh-Oleh Nusantara",
              "message": "<p>Price for 500 packs delivered to Surabaya each month?</p>",
              "productId": "0196f1c2-7a10-7c3e-9d41-2b5e8f0a6c11",
              "quantity": 500
            }
            """,
    };

    public static void Apply(OpenApiOperation operation)
    {
        if (operation.OperationId is { } id && RequestBodies.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonNode.Parse(example);
        }
    }
}
