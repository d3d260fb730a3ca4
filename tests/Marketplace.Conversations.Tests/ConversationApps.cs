namespace Marketplace.Conversations.Tests;

/// <summary>The app with a chat limit no test reaches by accident (every test client shares the loopback address).</summary>
public class ConversationsApp : MarketplaceApp
{
    public ConversationsApp()
    {
        Settings["RateLimits:ChatMessages:PermitLimit"] = "100000";
        Settings["Clinics:ReminderScanInterval"] = "00:00:00.100";
    }
}

public sealed class ConversationsAppOnPostgres : ConversationsApp
{
    public ConversationsAppOnPostgres() => Provider = StoreProvider.Postgres;
}

