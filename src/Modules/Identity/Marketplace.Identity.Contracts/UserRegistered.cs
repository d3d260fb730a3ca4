using Marketplace.SharedKernel.Events;

namespace Marketplace.Identity.Contracts;

/// <summary>Someone opened an account.</summary>
public sealed record UserRegistered(Guid UserId, string Email, string DisplayName, string Role) : IntegrationEvent;
