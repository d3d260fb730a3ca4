using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Identity.Users;

internal sealed class User
{
    public const int MaxEmailLength = 254;
    public const int MaxDisplayNameLength = 100;

    private User()
    {
    }

    public User(Guid id, string email, string displayName, string role, DateTimeOffset createdAt)
    {
        Id = id;
        Email = Normalize(email);
        DisplayName = displayName;
        Role = role;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Stored normalized (trimmed, lower-case), so uniqueness is case-insensitive on every store.</summary>
    public string Email { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string Role { get; private set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set by an administrator: the account cannot sign in, and its tokens stop working at once.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    public void Suspend(DateTimeOffset now) => SuspendedAt ??= now;

    public void Reinstate() => SuspendedAt = null;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("identity_users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Email).HasMaxLength(User.MaxEmailLength).IsRequired();
        b.HasIndex(u => u.Email).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(User.MaxDisplayNameLength).IsRequired();
        b.Property(u => u.Role).HasMaxLength(20).IsRequired();
        b.Property(u => u.PasswordHash).HasMaxLength(500).IsRequired();
    }
}
