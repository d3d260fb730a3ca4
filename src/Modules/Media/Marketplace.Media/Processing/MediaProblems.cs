using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Media.Processing;

internal static class MediaProblems
{
    /// <summary>Like <see cref="ProblemResults.ToProblem(IReadOnlyList{Error})"/>, with 413/415 where the error says so.</summary>
    public static ProblemHttpResult ToMediaProblem(this IReadOnlyList<Error> errors)
    {
        var problem = errors.ToProblem();
        if (MediaErrors.StatusOverrides.TryGetValue(errors[0].Code, out var status))
        {
            problem.ProblemDetails.Status = status;
            problem.ProblemDetails.Title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large." : "Unsupported media type.";
            return TypedResults.Problem(problem.ProblemDetails);
        }

        return problem;
    }

    public static ProblemHttpResult ToMediaProblem(this Error error) => ToMediaProblem([error]);
}
