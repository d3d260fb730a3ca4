using System.Net;
using System.Text.Json.Nodes;

namespace Marketplace.Web.Tests.Pages;

/// <summary>The chat credentials, inbox and clinic pages as a browser without JavaScript sees them.</summary>
public sealed class ConversationPageTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_chat_credentials_are_the_guests_visitor_id_or_the_sessions_token_never_cached()
    {
        using var guest = app.Browserless();
        var response = await guest.GetAsync("/chat/credentials");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Matches("^[0-9a-f]{32}$", body["visitorId"]!.GetValue<string>());
        Assert.Null(body["accessToken"]);

        var booth = await app.BoothAsync();
        var redirect = await guest.GetAsync($"/booths/{booth.BoothId}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.ToString();
        var boothPage = await guest.GetStringAsync(location);
        Assert.Contains("data-chat", boothPage, StringComparison.Ordinal);
        Assert.Contains($"data-booth=\"{booth.BoothId}\"", boothPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_lists_the_shops_conversations_and_an_exhibitor_books_a_clinic_slot()
    {
        var (organiser, exhibitionId) = await app.ExhibitionAsync();
        var booth = await app.ExhibitorAtAsync(organiser, exhibitionId);
        var visitor = await app.SignUpAsync("shopper", "Rina Pengunjung");
        var conversation = await visitor.OpenAtBoothAsync(booth.BoothId);
        await (await visitor.SayAsync(conversation, "Halo, buka sampai jam berapa?")).ShouldHaveStatusAsync(201);
        var clinic = await ChatArrange.Created(await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics", new
        {
            topic = "packaging_and_branding",
            title = "Klinik Kemasan",
            mentorName = "Pak Dimas",
            startsAt = ChatArrange.Iso(DateTimeOffset.UtcNow.AddHours(3)),
            slotMinutes = 20,
            slotCount = 2,
        }));
        var slot = clinic["slots"]![0]!["id"]!.GetValue<string>();

        using var merchant = await SignedInAsync(booth.Exhibitor.Email!);
        var inbox = await merchant.GetStringAsync("/conversations?side=shop");
        Assert.Contains("Rina Pengunjung", inbox, StringComparison.Ordinal);
        Assert.Contains("buka sampai jam berapa", inbox, StringComparison.Ordinal);
        var one = await merchant.GetStringAsync($"/conversations/{conversation}");
        Assert.Contains($"data-conversation=\"{conversation}\"", one, StringComparison.Ordinal);
        using var stranger = await SignedInAsync((await app.SignUpAsync("shopper")).Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/conversations/{conversation}")).StatusCode);

        var slug = (await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibitionId}"))["slug"]!.GetValue<string>();
        var url = $"/exhibitions/{slug}/clinics";
        var clinics = await merchant.GetStringAsync(url);
        Assert.Contains("Klinik Kemasan", clinics, StringComparison.Ordinal);
        var booked = await Html.PostFormAsync(merchant, url, "clinic-booking", clinics, new Dictionary<string, string>
        {
            ["Action"] = "book:" + slot,
            ["ShopId"] = booth.ShopId.ToString(),
        });
        Assert.Contains("Pesanan Anda", await booked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Klinik Kemasan", await merchant.GetStringAsync("/clinics/bookings"), StringComparison.Ordinal);
    }

    private Task<HttpClient> SignedInAsync(string email) => Seller.SellerSession.SignInPagesAsync(app, email, "Rahasia-123-Pasar");
}
