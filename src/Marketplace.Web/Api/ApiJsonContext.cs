using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Web.Api;

/// <summary>System.Text.Json metadata for every body the web sends or reads, generated at build time (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(IReadOnlyList<Subsector>))]
[JsonSerializable(typeof(IReadOnlyList<City>))]
[JsonSerializable(typeof(IReadOnlyList<Province>))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(Shop))]
[JsonSerializable(typeof(Paged<Product>))]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(Suggestions))]
[JsonSerializable(typeof(Cart))]
[JsonSerializable(typeof(AddCartItem))]
[JsonSerializable(typeof(UpdateCartItem))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(CheckoutResponse))]
[JsonSerializable(typeof(Paged<Order>))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(CancelOrderRequest))]
[JsonSerializable(typeof(Paged<Exhibition>))]
[JsonSerializable(typeof(Exhibition))]
[JsonSerializable(typeof(Paged<BoothListItem>))]
[JsonSerializable(typeof(Booth))]
[JsonSerializable(typeof(RecordVisit))]
[JsonSerializable(typeof(CreateLead))]
[JsonSerializable(typeof(LeadReceipt))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
