using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// A guest at a live booth starts the chat panel and talks to the exhibitor through it (chat.js + the vendored SignalR client over a
/// real WebSocket): the message reaches the exhibitor's inbox, the exhibitor's answer appears in the page live.
/// </summary>
public sealed class ChatJourneyTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_guest_asks_at_the_booth_and_sees_the_exhibitors_answer_arrive_live()
    {
        var booth = await app.BoothAsync();
        var page = await _browser.NewPageAsync(app.BaseUrl);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"/booths/{booth.BoothId}");
        var panel = page.Locator("section[data-chat]");
        // Viewing the booth opens no conversation: the chat starts on the visitor's click.
        await Assertions.Expect(panel.Locator("form")).ToBeHiddenAsync();
        Assert.Empty((await booth.Exhibitor.GetJsonAsync("/api/v1/conversations?side=shop"))["items"]!.AsArray());
        await panel.GetByRole(AriaRole.Button, new() { Name = "Mulai chat" }).ClickAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(panel.Locator("form")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(panel.GetByLabel("Tulis ke peserta pameran")).ToBeFocusedAsync();

        await panel.GetByLabel("Tulis ke peserta pameran").FillAsync("Halo Bu, ada varian tanpa MSG? <b>penting</b>");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Kirim pesan" }).ClickAsync();
        await Assertions.Expect(panel.Locator("li.msg.mine")).ToContainTextAsync("ada varian tanpa MSG? penting");

        var inbox = await booth.Exhibitor.GetJsonAsync("/api/v1/conversations?side=shop");
        var conversation = inbox["items"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(1, inbox["items"]![0]!["unread"]!.GetValue<int>());
        await (await booth.Exhibitor.PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Ada, Kak! Pempek original tanpa MSG." })).ShouldHaveStatusAsync(201);
        await Assertions.Expect(panel.Locator("li.msg.theirs")).ToContainTextAsync("tanpa MSG.");

        // The panel read the answer: the exhibitor sees the receipt.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await booth.Exhibitor.GetJsonAsync($"/api/v1/conversations/{conversation}"))["otherReadSeq"]!.GetValue<long>() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The visitor's read receipt did not arrive.");
            await Task.Delay(100);
        }

        Assert.Empty(errors);
    }
}
