using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marketplace.Conversations.Tests;

public sealed class ConversationTestsOnSqlite(ConversationsApp app) : ConversationTests(app), IClassFixture<ConversationsApp>;

public sealed class ConversationTestsOnPostgres(ConversationsAppOnPostgres app) : ConversationTests(app), IClassFixture<ConversationsAppOnPostgres>;

/// <summary>Conversations at a booth through REST and the SignalR hub, and who may (not) read them.</summary>
public abstract class ConversationTests(ConversationsApp app)
{
    [Fact]
    public async Task A_visitor_and_the_exhibitor_talk_live_with_history_unread_counts_typing_and_read_receipts()
    {
        var booth = await app.BoothAsync();
        var visitor = await app.SignUpAsync("shopper", "Rina");
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);
        // Opening again is the same conversation.
        var again = await visitor.PostAsync($"/api/v1/booths/{booth.BoothId}/conversations");
        await again.ShouldHaveStatusAsync(200);
        Assert.Equal(conversationId, ChatArrange.Id(await again.JsonAsync()));

        await using var visitorHub = await ChatClient.ConnectAsync(app.Server, ChatClient.TokenOf(visitor));
        await using var exhibitorHub = await ChatClient.ConnectAsync(app.Server, ChatClient.TokenOf(booth.Exhibitor));
        await visitorHub.Connection.InvokeAsync("Join", conversationId);
        await exhibitorHub.Connection.InvokeAsync("Join", conversationId);

        var sent = await visitorHub.Connection.InvokeAsync<JsonElement>("Send", conversationId, "Bu, pempeknya bisa kirim ke Jakarta?", (Guid?)null);
        Assert.Equal(1, sent.GetProperty("seq").GetInt64());
        var (received, _) = await exhibitorHub.WaitForAsync("message", m => m.GetProperty("seq").GetInt64() == 1);
        Assert.Equal("Bu, pempeknya bisa kirim ke Jakarta?", received.GetProperty("text").GetString());
        Assert.Equal("visitor", received.GetProperty("sender").GetString());
        await exhibitorHub.WaitForAsync("inbox", m => m.GetProperty("conversationId").GetGuid() == conversationId);

        var inbox = await booth.Exhibitor.GetJsonAsync("/api/v1/conversations?side=shop");
        var listed = Assert.Single(inbox["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == conversationId.ToString());
        Assert.Equal(1, listed!["unread"]!.GetValue<int>());
        Assert.Equal("Rina", listed["visitorName"]!.GetValue<string>());

        await exhibitorHub.Connection.InvokeAsync("Typing", conversationId);
        await visitorHub.WaitForAsync("typing", t => t.GetProperty("party").GetString() == "shop");
        await exhibitorHub.Connection.InvokeAsync<long>("MarkRead", conversationId, (long?)null);
        await visitorHub.WaitForAsync("read", r => r.GetProperty("party").GetString() == "shop" && r.GetProperty("seq").GetInt64() == 1);
        Assert.Equal(0, (await booth.Exhibitor.GetJsonAsync($"/api/v1/conversations/{conversationId}"))["unread"]!.GetValue<int>());

        // The exhibitor shares a product card over REST; the visitor's client gets it live.
        var card = await booth.Exhibitor.SayAsync(conversationId, "Ini yang paling laris:", booth.ProductId);
        await card.ShouldHaveStatusAsync(201);
        var (shared, _) = await visitorHub.WaitForAsync("message", m => m.GetProperty("seq").GetInt64() == 2);
        Assert.Equal("Pempek Kapal Selam", shared.GetProperty("product").GetProperty("name").GetString());
        Assert.Equal(2_500_000, shared.GetProperty("product").GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(1, (await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}"))["unread"]!.GetValue<int>());

        for (var i = 3; i <= 5; i++)
        {
            await (await visitor.SayAsync(conversationId, $"pesan {i}")).ShouldHaveStatusAsync(201);
        }

        // History pages back with before=.
        var latest = await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages?limit=2");
        Assert.Equal([4L, 5L], latest["items"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()));
        var older = await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages?limit=10&before={latest["before"]}");
        Assert.Equal([1L, 2L, 3L], older["items"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()));
        Assert.Null(older["before"]);
    }

    [Fact]
    public async Task Nobody_but_the_two_parties_reads_or_joins_a_conversation()
    {
        var booth = await app.BoothAsync();
        var visitor = await app.SignUpAsync("shopper");
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);
        await (await visitor.SayAsync(conversationId, "rahasia dagang")).ShouldHaveStatusAsync(201);

        var stranger = await app.SignUpAsync("merchant");
        await (await stranger.GetAsync($"/api/v1/conversations/{conversationId}/messages")).ShouldBeProblemAsync(404);
        await (await stranger.GetAsync($"/api/v1/conversations/{conversationId}")).ShouldBeProblemAsync(404);
        await (await stranger.SayAsync(conversationId, "ikut dong")).ShouldBeProblemAsync(404);
        await (await stranger.PostAsync($"/api/v1/conversations/{conversationId}/read", new { })).ShouldBeProblemAsync(404);
        Assert.DoesNotContain(conversationId.ToString(), (await (await stranger.GetAsync("/api/v1/conversations")).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var anonymous = app.Anonymous();
        await (await anonymous.GetAsync($"/api/v1/conversations/{conversationId}/messages")).ShouldBeProblemAsync(404);
        anonymous.Http.DefaultRequestHeaders.Add("X-Visitor-Id", "guest-" + Guid.NewGuid().ToString("N"));
        await (await anonymous.GetAsync($"/api/v1/conversations/{conversationId}/messages")).ShouldBeProblemAsync(404);

        // The hub: joining is refused, and nothing said in the conversation reaches the stranger.
        await using var strangerHub = await ChatClient.ConnectAsync(app.Server, ChatClient.TokenOf(stranger));
        await Assert.ThrowsAsync<HubException>(() => strangerHub.Connection.InvokeAsync("Join", conversationId));
        await Assert.ThrowsAsync<HubException>(() => strangerHub.Connection.InvokeAsync<JsonElement>("Send", conversationId, "halo", (Guid?)null));
        await Assert.ThrowsAsync<HubException>(() => strangerHub.Connection.InvokeAsync("Typing", conversationId));
        await using var visitorHub = await ChatClient.ConnectAsync(app.Server, ChatClient.TokenOf(visitor));
        await visitorHub.Connection.InvokeAsync("Join", conversationId);
        await visitorHub.Connection.InvokeAsync<JsonElement>("Send", conversationId, "hanya untuk penjual", (Guid?)null);
        await visitorHub.WaitForAsync("message", m => m.GetProperty("text").GetString() == "hanya untuk penjual");
        Assert.False(strangerHub.Saw("message", _ => true));

        // A hub connection with neither a token nor a visitor id is closed.
        await using var nobody = await ChatClient.ConnectAsync(app.Server);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (nobody.Connection.State != HubConnectionState.Disconnected)
        {
            Assert.True(DateTime.UtcNow < deadline, "An anonymous hub connection stayed open.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Huge_empty_and_html_messages_are_refused_or_cleaned()
    {
        var booth = await app.BoothAsync();
        var visitor = await app.SignUpAsync("shopper");
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);

        await (await visitor.SayAsync(conversationId, new string('a', 100_000))).ShouldBeProblemAsync(400, "text");
        await (await visitor.SayAsync(conversationId, "   ")).ShouldBeProblemAsync(400, "text");
        await (await visitor.SayAsync(conversationId, "<script>alert(1)</script>")).ShouldBeProblemAsync(400, "text");
        await (await visitor.SayAsync(conversationId, "bel\u0007l")).ShouldBeProblemAsync(400, "text");
        await (await visitor.SayAsync(conversationId, null, Guid.NewGuid())).ShouldBeProblemAsync(400, "productId");
        var otherShop = await app.BoothAsync();
        await (await visitor.SayAsync(conversationId, "ini?", otherShop.ProductId)).ShouldBeProblemAsync(400, "productId");

        var html = await ChatArrange.Created(await visitor.SayAsync(conversationId, "<b>Halo</b> <img src=x onerror=alert(1)>Bu &amp; Pak 🌶️"));
        Assert.Equal("Halo  Bu & Pak 🌶️", html["text"]!.GetValue<string>());
        var history = await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages");
        Assert.Single(history["items"]!.AsArray());
        await (await visitor.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=1000&before=0")).ShouldBeProblemAsync(400);

        // Over the hub: a frame beyond 16 KB ends the connection instead of being read.
        await using var hub = await ChatClient.ConnectAsync(app.Server, ChatClient.TokenOf(visitor));
        await Assert.ThrowsAnyAsync<Exception>(() => hub.Connection.InvokeAsync<JsonElement>("Send", conversationId, new string('b', 100_000), (Guid?)null));
    }

    [Fact]
    public async Task A_booth_that_is_not_running_or_closed_takes_no_messages_but_keeps_its_history()
    {
        var upcoming = await app.BoothAsync(running: false);
        var visitor = await app.SignUpAsync("shopper");
        await (await visitor.PostAsync($"/api/v1/booths/{upcoming.BoothId}/conversations")).ShouldBeProblemAsync(409, code: "conversations.booth_closed");
        await (await visitor.PostAsync($"/api/v1/booths/{Guid.NewGuid()}/conversations")).ShouldBeProblemAsync(404);
        await (await upcoming.Exhibitor.PostAsync($"/api/v1/booths/{upcoming.BoothId}/conversations")).ShouldBeProblemAsync(409);

        var booth = await app.BoothAsync();
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);
        // The booth clock stands still here, so "within the window" does not depend on how fast this machine is.
        app.BoothClock.Set(app.BoothClock.GetUtcNow());
        try
        {
            await (await visitor.SayAsync(conversationId, "masih buka?")).ShouldHaveStatusAsync(201);
            await (await booth.Exhibitor.PostAsync($"/api/v1/booths/{booth.BoothId}/close")).ShouldHaveStatusAsync(200);

            // The instance remembered the booth open a moment ago: within that window (5 s) a message still goes in, as
            // it would have a moment before the close. That is the bound: once the window has passed, the booth is shut.
            await (await visitor.SayAsync(conversationId, "masih di sana?")).ShouldHaveStatusAsync(201);
            app.BoothClock.Advance(ConversationsApp.BoothStateCacheTtl);

            await (await visitor.SayAsync(conversationId, "halo?")).ShouldBeProblemAsync(409, code: "conversations.booth_closed");
            await (await booth.Exhibitor.SayAsync(conversationId, "sudah tutup")).ShouldBeProblemAsync(409, code: "conversations.booth_closed");
        }
        finally
        {
            app.BoothClock.Reset();
        }

        Assert.Equal(2, (await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages"))["items"]!.AsArray().Count);
        // Opening reads the booth afresh: no new conversation at a closed booth, even within the window.
        var late = await app.SignUpAsync("shopper");
        await (await late.PostAsync($"/api/v1/booths/{booth.BoothId}/conversations")).ShouldBeProblemAsync(409, code: "conversations.booth_closed");
    }

    [Fact]
    public async Task A_guest_chats_with_the_visitor_id_and_keeps_the_conversation_after_signing_in()
    {
        var booth = await app.BoothAsync();
        var visitorId = Guid.NewGuid().ToString("N");
        var guest = app.Anonymous();
        await (await guest.PostAsync($"/api/v1/booths/{booth.BoothId}/conversations")).ShouldBeProblemAsync(401);
        guest.Http.DefaultRequestHeaders.Add("X-Visitor-Id", "short");
        await (await guest.PostAsync($"/api/v1/booths/{booth.BoothId}/conversations")).ShouldBeProblemAsync(401);
        guest.Http.DefaultRequestHeaders.Remove("X-Visitor-Id");
        guest.Http.DefaultRequestHeaders.Add("X-Visitor-Id", visitorId);
        var conversationId = await guest.OpenAtBoothAsync(booth.BoothId);

        await using var guestHub = await ChatClient.ConnectAsync(app.Server, visitorId: visitorId);
        await guestHub.Connection.InvokeAsync("Join", conversationId);
        await guestHub.Connection.InvokeAsync<JsonElement>("Send", conversationId, "Saya tamu, mau tanya harga grosir", (Guid?)null);
        await (await booth.Exhibitor.SayAsync(conversationId, "Minimal 100 pcs, Kak")).ShouldHaveStatusAsync(201);
        await guestHub.WaitForAsync("message", m => m.GetProperty("sender").GetString() == "shop");

        var account = await app.SignUpAsync("shopper", "Dewi");
        await (await account.PostAsync("/api/v1/conversations/claim", new { visitorId = "x" })).ShouldBeProblemAsync(400, "visitorId");
        var claimed = await account.PostAsync("/api/v1/conversations/claim", new { visitorId });
        await claimed.ShouldHaveStatusAsync(200);
        Assert.Equal(1, (await claimed.JsonAsync())["claimed"]!.GetValue<int>());

        var mine = await account.GetJsonAsync("/api/v1/conversations");
        var listed = Assert.Single(mine["items"]!.AsArray());
        Assert.Equal(conversationId.ToString(), listed!["id"]!.GetValue<string>());
        Assert.Equal(1, listed["unread"]!.GetValue<int>());
        Assert.Equal(2, (await account.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages"))["items"]!.AsArray().Count);
        // Reopening at the booth as the account finds the same conversation; the visitor id alone no longer opens it.
        await (await account.PostAsync($"/api/v1/booths/{booth.BoothId}/conversations")).ShouldHaveStatusAsync(200);
        await (await guest.GetAsync($"/api/v1/conversations/{conversationId}/messages")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_shop_takes_conversations_only_while_online_and_only_its_owner_switches()
    {
        var booth = await app.BoothAsync();
        var visitor = await app.SignUpAsync("shopper");
        await (await visitor.PostAsync($"/api/v1/shops/{booth.ShopId}/conversations")).ShouldBeProblemAsync(409, code: "conversations.shop_away");
        Assert.Equal("away", (await app.Anonymous().GetJsonAsync($"/api/v1/shops/{booth.ShopId}/presence"))["status"]!.GetValue<string>());

        await (await visitor.PutAsync($"/api/v1/shops/{booth.ShopId}/presence", new { status = "online" })).ShouldBeProblemAsync(403);
        await (await booth.Exhibitor.PutAsync($"/api/v1/shops/{booth.ShopId}/presence", new { status = "sleeping" })).ShouldBeProblemAsync(400, "status");
        await (await booth.Exhibitor.PutAsync($"/api/v1/shops/{booth.ShopId}/presence", new { status = "online" })).ShouldHaveStatusAsync(200);
        Assert.Equal("online", (await app.Anonymous().GetJsonAsync($"/api/v1/shops/{booth.ShopId}/presence"))["status"]!.GetValue<string>());

        var opened = await visitor.PostAsync($"/api/v1/shops/{booth.ShopId}/conversations");
        await opened.ShouldHaveStatusAsync(201);
        var atShop = ChatArrange.Id(await opened.JsonAsync());
        await (await visitor.SayAsync(atShop, "Buka hari ini?")).ShouldHaveStatusAsync(201);
        // The booth conversation is another one.
        Assert.NotEqual(atShop, await visitor.OpenAtBoothAsync(booth.BoothId));
    }

    [Fact]
    public async Task A_booth_conversation_becomes_a_quote_request_lead_for_the_exhibitor()
    {
        var booth = await app.BoothAsync();
        var visitor = await app.SignUpAsync("shopper", "Pak Budi");
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);
        await (await visitor.SayAsync(conversationId, "Butuh 500 pcs untuk hampers kantor")).ShouldHaveStatusAsync(201);

        await (await visitor.PostAsync($"/api/v1/conversations/{conversationId}/leads", new { kind = "quote", contact = "budi@example.id", productId = booth.ProductId }))
            .ShouldBeProblemAsync(400, "quantity");
        await (await booth.Exhibitor.PostAsync($"/api/v1/conversations/{conversationId}/leads", new { kind = "quote", contact = "x@example.id", productId = booth.ProductId, quantity = 5 }))
            .ShouldBeProblemAsync(403);
        var lead = await ChatArrange.Created(await visitor.PostAsync($"/api/v1/conversations/{conversationId}/leads", new
        {
            kind = "quote",
            contact = "budi@example.id",
            productId = booth.ProductId,
            quantity = 500,
        }));

        var leads = await booth.Exhibitor.GetJsonAsync($"/api/v1/booths/{booth.BoothId}/leads");
        var stored = Assert.Single(leads["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == lead["leadId"]!.GetValue<string>());
        Assert.Contains("500 pcs", stored!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Pak Budi", stored["name"]!.GetValue<string>());
        var history = await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages");
        Assert.Equal(2, history["items"]!.AsArray().Count);
    }
}

/// <summary>The per-user chat limit, on an app of its own with the default limit (60 a minute).</summary>
public sealed class ChatFloodTests : IAsyncLifetime
{
    private readonly MarketplaceApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAndDeleteStoreAsync();

    [Fact]
    public async Task A_thousand_messages_a_minute_from_one_user_are_cut_at_the_limit_on_rest_and_hub()
    {
        var booth = await _app.BoothAsync();
        var visitor = await _app.SignUpAsync("shopper");
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);

        var statuses = new List<int>();
        for (var i = 0; i < 1_000; i++)
        {
            using var response = await visitor.SayAsync(conversationId, $"spam {i}");
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        var accepted = statuses.Count(s => s == 201);
        Assert.InRange(accepted, 60, 120); // 60 per fixed window; the run may straddle two windows
        Assert.Equal(1_000 - accepted, statuses.Count(s => s == 429));

        await using var hub = await ChatClient.ConnectAsync(_app.Server, ChatClient.TokenOf(visitor));
        var refused = await Assert.ThrowsAsync<HubException>(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await hub.Connection.InvokeAsync<JsonElement>("Send", conversationId, $"hub spam {i}", (Guid?)null);
            }
        });
        Assert.Contains("Too many", refused.Message, StringComparison.Ordinal);
        var stored = await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages?limit=1");
        Assert.InRange(stored["items"]![0]!["seq"]!.GetValue<long>(), 60, 240);
    }
}
