namespace Marketplace.SharedKernel.Paging;

/// <summary>A page of a list: the API contract's <c>{items, page, pageSize, total}</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
