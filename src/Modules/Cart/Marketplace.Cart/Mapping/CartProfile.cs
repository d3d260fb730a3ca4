using AutoMapper;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Vouchers;

namespace Marketplace.Cart.Mapping;

internal sealed class CartProfile : Profile
{
    public CartProfile() => CreateMap<Voucher, VoucherInfo>();
}
