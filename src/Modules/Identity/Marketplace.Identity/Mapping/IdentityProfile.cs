using AutoMapper;
using Marketplace.Identity.Auth;
using Marketplace.Identity.Users;

namespace Marketplace.Identity.Mapping;

internal sealed class IdentityProfile : Profile
{
    public IdentityProfile() => CreateMap<User, UserResponse>();
}
