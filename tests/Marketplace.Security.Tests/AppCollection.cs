namespace Marketplace.Security.Tests;

/// <summary>One app for the rules that need no special settings (tokens, passwords, headers).</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<SecurityApp>
{
    public const string Name = "security-app";
}
