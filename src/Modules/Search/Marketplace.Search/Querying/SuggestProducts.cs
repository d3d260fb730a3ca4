using FluentValidation;
using Marketplace.Search.Engines;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Marketplace.Search.Querying;

internal sealed record SuggestRequest
{
    /// <summary>What the shopper typed so far (1–100 characters).</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>How many suggestions (1–20, default 8).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }
}

internal sealed class SuggestValidator : AbstractValidator<SuggestRequest>
{
    public SuggestValidator()
    {
        RuleFor(r => r.Q).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Limit).InclusiveBetween(1, 20);
    }
}

internal sealed record SuggestionResponse(string Text, Guid ProductId);

internal sealed record SuggestResponse(IReadOnlyList<SuggestionResponse> Suggestions);

internal static class SuggestProducts
{
    public static async Task<Results<Ok<SuggestResponse>, ProblemHttpResult>> Handle(
        [AsParameters] SuggestRequest request, ISearchEngine engine, IOptions<SearchOptions> options, HttpContext http, CancellationToken ct)
    {
        var query = new SuggestQuery(request.Q!.Trim(), request.Limit ?? 8);
        var outcome = await EngineCall.RunAsync(engine, options.Value, http, token => engine.SuggestAsync(query, token), ct);
        return outcome.Problem is { } problem
            ? problem
            : TypedResults.Ok(new SuggestResponse(outcome.Value!.Select(s => new SuggestionResponse(s.Text, s.ProductId)).ToList()));
    }
}
