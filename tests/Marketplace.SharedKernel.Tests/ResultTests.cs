using Marketplace.SharedKernel.Errors;

namespace Marketplace.SharedKernel.Tests;

/// <summary>Fast rules of <see cref="Result{T}"/>: no app, no database.</summary>
public sealed class ResultTests
{
    private static readonly Error Taken = Error.Conflict("catalog.shop.slug_taken", "That address is taken.", "slug");

    [Fact]
    public void A_default_result_is_not_a_success()
    {
        var result = default(Result<int>);

        Assert.False(result.IsSuccess);
        Assert.True(result.IsFailure);
    }

    [Fact]
    public void Reading_the_value_or_the_errors_of_a_default_result_throws()
    {
        var result = default(Result<string>);

        Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Throws<InvalidOperationException>(() => result.Errors);
    }

    [Fact]
    public void An_unassigned_array_slot_is_not_a_success_either()
    {
        var results = new Result<Guid>[3];

        Assert.All(results, r => Assert.False(r.IsSuccess));
    }

    [Fact]
    public void A_value_is_a_success_with_no_errors()
    {
        Result<int> result = 0; // default(int) as the value: still a success, the state is explicit.

        Assert.True(result.IsSuccess);
        Assert.False(result.IsFailure);
        Assert.Equal(0, result.Value);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void An_error_is_a_failure_whose_value_cannot_be_read()
    {
        Result<int> result = Taken;

        Assert.False(result.IsSuccess);
        Assert.Equal([Taken], result.Errors);
        var thrown = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("failed", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_needs_at_least_one_error()
    {
        Assert.Throws<ArgumentException>(() => Result<int>.Fail([]));
        Assert.Throws<ArgumentNullException>(() => Result<int>.Fail(null!));
    }

    [Fact]
    public void Several_errors_are_kept_in_order()
    {
        var second = Error.Validation("pageSize", "paging.page_size_out_of_range", "pageSize must be between 1 and 100.");

        var result = Result<int>.Fail([Taken, second]);

        Assert.Equal([Taken, second], result.Errors);
    }
}
