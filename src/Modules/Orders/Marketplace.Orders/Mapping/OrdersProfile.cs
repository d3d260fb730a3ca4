using AutoMapper;
using Marketplace.Orders.Domain;
using Marketplace.SharedKernel;

namespace Marketplace.Orders.Mapping;

/// <summary>Entity → response. The order's currency and group travel in the mapping context (Items).</summary>
internal sealed class OrdersProfile : Profile
{
    public const string GroupKey = "group";

    public OrdersProfile()
    {
        CreateMap<OrderTransition, OrderTransitionResponse>();

        CreateMap<OrderLine, OrderLineResponse>()
            .ForCtorParam(nameof(OrderLineResponse.Name), o => o.MapFrom(l => l.ProductName))
            .ForCtorParam(nameof(OrderLineResponse.UnitPrice), o => o.MapFrom((l, ctx) => new Money(l.UnitPriceAmount, Group(ctx).Currency)))
            .ForCtorParam(nameof(OrderLineResponse.LineTotal), o => o.MapFrom((l, ctx) => new Money(l.LineTotalAmount, Group(ctx).Currency)));

        CreateMap<Order, OrderResponse>()
            .ForCtorParam(nameof(OrderResponse.OrderGroupId), o => o.MapFrom(x => x.GroupId))
            .ForCtorParam(nameof(OrderResponse.Shop), o => o.MapFrom(x => new OrderShopRef(x.ShopId, x.ShopName, x.ShopSlug)))
            .ForCtorParam(nameof(OrderResponse.PaymentMethod), o => o.MapFrom((x, ctx) => Group(ctx).PaymentMethod.ToString().ToLowerInvariant()))
            .ForCtorParam(nameof(OrderResponse.Lines), o => o.MapFrom((x, ctx) => x.Lines.OrderBy(l => l.Id).Select(l => ctx.Mapper.Map<OrderLineResponse>(l)).ToList()))
            .ForCtorParam(nameof(OrderResponse.Subtotal), o => o.MapFrom(x => new Money(x.SubtotalAmount, x.Currency)))
            .ForCtorParam(nameof(OrderResponse.Shipping), o => o.MapFrom(x => new Money(x.ShippingAmount, x.Currency)))
            .ForCtorParam(nameof(OrderResponse.Discount), o => o.MapFrom(x => new Money(x.DiscountAmount, x.Currency)))
            .ForCtorParam(nameof(OrderResponse.Total), o => o.MapFrom(x => new Money(x.TotalAmount, x.Currency)))
            .ForCtorParam(nameof(OrderResponse.PaymentDueAt), o => o.MapFrom((x, ctx) => x.Status == OrderStatus.PendingPayment ? Group(ctx).PaymentDueAt : (DateTimeOffset?)null))
            .ForCtorParam(nameof(OrderResponse.ShippingAddress), o => o.MapFrom((x, ctx) => Address(Group(ctx))))
            .ForCtorParam(nameof(OrderResponse.History), o => o.MapFrom((x, ctx) => x.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => ctx.Mapper.Map<OrderTransitionResponse>(t)).ToList()));
    }

    private static OrderShippingAddress Address(OrderGroup g) => new(g.Recipient, g.Phone, g.AddressLine1, g.CityCode, g.PostalCode);

    private static OrderGroup Group(ResolutionContext ctx) => (OrderGroup)ctx.Items[GroupKey];
}

internal static class OrderMapping
{
    public static OrderResponse ToResponse(this IMapper mapper, Order order, OrderGroup group) =>
        mapper.Map<OrderResponse>(order, o => o.Items[OrdersProfile.GroupKey] = group);
}
