using Marketplace.SharedKernel.Errors;

namespace Marketplace.SharedKernel.Paging;

/// <summary>Query-string paging: <c>page</c> from 1, <c>pageSize</c> from 1 to 100 (default 20).</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public int Skip => (Page - 1) * PageSize;

    public static Result<PageRequest> From(int? page, int? pageSize)
    {
        var errors = new List<Error>();
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1 || p > 100_000)
        {
            errors.Add(Error.Validation("page", "paging.page_out_of_range", "page must be between 1 and 100000."));
        }

        if (size < 1 || size > MaxPageSize)
        {
            errors.Add(Error.Validation("pageSize", "paging.page_size_out_of_range", $"pageSize must be between 1 and {MaxPageSize}."));
        }

        return errors.Count > 0 ? Result<PageRequest>.Fail(errors) : new PageRequest(p, size);
    }
}
