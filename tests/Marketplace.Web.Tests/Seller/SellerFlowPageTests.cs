using System.Net;
using System.Text.Json.Nodes;

namespace Marketplace.Web.Tests.Seller;

/// <summary>Orders, money, booths and leads, and the admin pages, as a browser without JavaScript sees them.</summary>
public sealed class SellerFlowPageTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task A_merchant_confirms_a_transfer_once_ships_with_a_tracking_number_and_prints_the_slip()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Kemplang Ani {Guid.NewGuid():N}"[..24]);
        var product = await merchant.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Kemplang panggang");
        var order = await SellerSession.BuyAsync(app, product["id"]!.GetValue<Guid>());
        var id = order["id"]!.GetValue<Guid>();

        var list = await merchant.Pages.GetStringAsync("/seller/orders");
        Assert.Contains($"/seller/orders/{id:D}", list, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"1 pesanan\"", list, StringComparison.Ordinal); // the "to confirm" tab's count

        var page = await merchant.Pages.GetStringAsync("/seller/orders");
        var confirmed = await Html.PostFormAsync(merchant.Pages, "/seller/orders", $"confirm-{id:N}", page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        // A second confirmation (a double click reaching the API) changes nothing: the order is paid once.
        var again = await merchant.Api.PostAsync($"/api/v1/orders/{id}/confirm-payment");
        Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"A repeated confirmation answered {again.StatusCode}.");
        var history = (await merchant.Api.GetJsonAsync($"/api/v1/orders/{id}"))["history"]!.AsArray();
        Assert.Single(history, h => h!["to"]!.GetValue<string>() == "paid");

        var refused = await merchant.PostAsync($"/seller/orders/{id:D}", $"ship-{id:N}", new Dictionary<string, string> { ["carrier"] = "", ["trackingNumber"] = "JNE-0042-ÄÖ" });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"carrier-{id:N}-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"JNE-0042-", refusedHtml, StringComparison.Ordinal);

        var shipped = await merchant.PostAsync($"/seller/orders/{id:D}", $"ship-{id:N}", new Dictionary<string, string> { ["carrier"] = "JNE", ["trackingNumber"] = "CGK1234567890" });
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var detail = await merchant.Pages.GetStringAsync($"/seller/orders/{id:D}");
        Assert.Contains("CGK1234567890", detail, StringComparison.Ordinal);
        Assert.Contains("Dikirim", detail, StringComparison.Ordinal);

        var slip = await merchant.Pages.GetStringAsync($"/seller/orders/{id:D}/slip");
        Assert.Contains("Sari Wulandari", slip, StringComparison.Ordinal);
        Assert.Contains("Jl. Merdeka No. 17", slip, StringComparison.Ordinal);
        Assert.Contains("Kota Malang", slip, StringComparison.Ordinal);
        Assert.Contains("2 × Kemplang panggang", WebUtility.HtmlDecode(detail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_shops_order_is_the_not_found_page_and_its_list_is_not_allowed()
    {
        using var owner = await SellerSession.SignUpAsync(app);
        var shop = await owner.OpenShopAsync($"Pempek Lenjer {Guid.NewGuid():N}"[..24]);
        var product = await owner.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Pempek lenjer");
        var order = await SellerSession.BuyAsync(app, product["id"]!.GetValue<Guid>(), 1);
        using var other = await SellerSession.SignUpAsync(app);
        await other.OpenShopAsync($"Tahu Takwa {Guid.NewGuid():N}"[..24]);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Pages.GetAsync($"/seller/orders/{order["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Pages.GetAsync($"/seller/orders/{order["id"]}/slip")).StatusCode);
        Assert.DoesNotContain(order["id"]!.GetValue<string>(), await other.Pages.GetStringAsync("/seller/orders?status=pending_payment"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_money_page_shows_the_pending_share_and_the_statement_downloads_as_csv()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Batik Sanan {Guid.NewGuid():N}"[..24]);
        var product = await merchant.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Batik tulis");
        var order = await SellerSession.BuyAsync(app, product["id"]!.GetValue<Guid>(), 1);
        await (await merchant.Api.PostAsync($"/api/v1/orders/{order["id"]}/confirm-payment")).ShouldHaveStatusAsync(200);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string html;
        while (true)
        {
            await app.DrainOutboxAsync();
            html = await merchant.Pages.GetStringAsync("/seller/money");
            if (html.Contains("Pesanan dibayar", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Contains("Pesanan dibayar", html, StringComparison.Ordinal);
        var csv = await merchant.Pages.GetAsync("/seller/money/statement.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("order_paid", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noBank = await merchant.PostAsync("/seller/money", "bank", new Dictionary<string, string> { ["BankForm.BankCode"] = "", ["BankForm.AccountNumber"] = "12ab", ["BankForm.HolderName"] = "Ani" });
        var noBankHtml = await noBank.Content.ReadAsStringAsync();
        Assert.Contains("id=\"bankCode-error\"", noBankHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"12ab\"", noBankHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booth_is_dressed_its_leads_move_forward_and_another_merchant_sees_neither()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Keripik Sanan {Guid.NewGuid():N}"[..24]);
        var product = await merchant.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Keripik tempe Sanan");
        var boothId = await merchant.OpenBoothAsync(app, shop["id"]!.GetValue<Guid>(), product["id"]!.GetValue<Guid>());

        var exhibitions = await merchant.Pages.GetStringAsync("/seller/exhibitions");
        Assert.Contains($"/seller/booths/{boothId:D}/leads", exhibitions, StringComparison.Ordinal);

        var badVideo = await merchant.PostAsync($"/seller/booths/{boothId:D}", "dress", new Dictionary<string, string>
        {
            ["Form.Story"] = "<p>Tempe dari Sanan</p>",
            ["Form.VideoUrl"] = "javascript:alert(1)",
            ["featured"] = product["id"]!.GetValue<string>(),
            ["docTitle"] = "Katalog",
            ["docUrl"] = "https://example.id/katalog.pdf",
        });
        var badHtml = await badVideo.Content.ReadAsStringAsync();
        Assert.Contains("id=\"videoUrl-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"https://example.id/katalog.pdf\"", badHtml, StringComparison.Ordinal);

        var dressed = await merchant.PostAsync($"/seller/booths/{boothId:D}", "dress", new Dictionary<string, string>
        {
            ["Form.Story"] = "<p>Tempe dari Sanan</p>",
            ["Form.VideoUrl"] = "https://www.youtube.com/watch?v=abc",
            ["featured"] = product["id"]!.GetValue<string>(),
            ["docTitle"] = "Katalog",
            ["docUrl"] = "https://example.id/katalog.pdf",
        });
        Assert.Equal(HttpStatusCode.Redirect, dressed.StatusCode);
        var booth = await merchant.Api.GetJsonAsync($"/api/v1/booths/{boothId}");
        Assert.Equal("Katalog", booth["documents"]![0]!["title"]!.GetValue<string>());
        Assert.Single(booth["featuredProducts"]!.AsArray());

        var visitor = app.Anonymous();
        var lead = await visitor.PostAsync($"/api/v1/booths/{boothId}/leads", new
        {
            kind = "quote", productId = product["id"]!.GetValue<Guid>(), name = "Budi Santoso", contact = "budi@oleh-oleh.id", company = "Toko Oleh-Oleh", message = "500 bungkus?", quantity = 500,
        });
        await lead.ShouldHaveStatusAsync(201);
        var leadId = (await lead.JsonAsync())["id"]!.GetValue<Guid>();

        var inbox = await merchant.Pages.GetStringAsync($"/seller/booths/{boothId:D}/leads");
        Assert.Contains("Budi Santoso", inbox, StringComparison.Ordinal);
        var noPrice = await merchant.PostAsync($"/seller/booths/{boothId:D}/leads", $"lead-{leadId:N}", new Dictionary<string, string> { ["status"] = "quoted", ["quotedPrice"] = "", ["note"] = "telepon dulu" });
        Assert.Contains($"id=\"qp-{leadId:N}-error\"", await noPrice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var quoted = await merchant.PostAsync($"/seller/booths/{boothId:D}/leads", $"lead-{leadId:N}", new Dictionary<string, string> { ["status"] = "quoted", ["quotedPrice"] = "4.500.000", ["note"] = "" });
        Assert.Equal(HttpStatusCode.OK, quoted.StatusCode);
        var leads = await merchant.Api.GetJsonAsync($"/api/v1/booths/{boothId}/leads");
        Assert.Equal(450_000_000, leads["items"]![0]!["quotedPrice"]!["amount"]!.GetValue<long>());

        var analytics = await merchant.Pages.GetStringAsync($"/seller/booths/{boothId:D}/analytics");
        Assert.Contains("<table", analytics, StringComparison.Ordinal);

        using var other = await SellerSession.SignUpAsync(app);
        await other.OpenShopAsync($"Topeng Malang {Guid.NewGuid():N}"[..24]);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Pages.GetAsync($"/seller/booths/{boothId:D}/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Pages.GetAsync($"/seller/booths/{boothId:D}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_verifies_a_waiting_shop_suspends_only_with_a_reason_and_lists_users_by_role()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Gerabah Dinoyo {Guid.NewGuid():N}"[..24]);
        var id = shop["id"]!.GetValue<Guid>();
        using var admin = new SellerSession(await app.SignInAsync("admin@demo.marketplace.id", WebApp.DemoPassword),
            await SellerSession.SignInPagesAsync(app, "admin@demo.marketplace.id", WebApp.DemoPassword));

        // The queue is oldest first: find the page the new shop is on.
        var queue = "/admin/shops?state=unverified&page=1";
        for (var page = 2; !(await admin.Pages.GetStringAsync(queue)).Contains($"verify-{id:N}", StringComparison.Ordinal); page++)
        {
            Assert.True(page < 100, "The new shop is not in the verification queue.");
            queue = $"/admin/shops?state=unverified&page={page}";
        }

        var noReason = await admin.PostAsync(queue, $"suspend-{id:N}", new Dictionary<string, string> { ["reason"] = "" });
        Assert.Contains($"id=\"reason-{id:N}-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await admin.PostAsync(queue, $"verify-{id:N}", new Dictionary<string, string>());
        var verified = await merchant.Api.GetJsonAsync("/api/v1/me/shops");
        Assert.True(verified[0]!["verified"]!.GetValue<bool>());

        // Verified shops are newest first: the one just verified leads.
        await admin.PostAsync("/admin/shops?state=verified", $"suspend-{id:N}", new Dictionary<string, string> { ["reason"] = "Foto produk milik toko lain" });
        var suspended = await admin.Pages.GetStringAsync("/admin/shops?state=suspended");
        Assert.Contains("Foto produk milik toko lain", suspended, StringComparison.Ordinal);
        Assert.Contains("Foto produk milik toko lain", await merchant.Pages.GetStringAsync("/seller/shop"), StringComparison.Ordinal);

        var merchants = await admin.Pages.GetStringAsync("/admin/users?role=merchant&q=" + Uri.EscapeDataString(merchant.Api.Email!));
        Assert.Contains(merchant.Api.Email!, merchants, StringComparison.Ordinal);
        Assert.Contains("1 akun", merchants, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.Pages.GetAsync("/admin/users")).StatusCode);
    }
}
