using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Engagement.Reviews;

internal static class ReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var reviews = api.MapGroup("/reviews").WithTags("Reviews");
        reviews.MapPost("/", PostReview.Handle).Validate<PostReviewRequest>().RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429)
            .WithName("Reviews_Post")
            .WithSummary("Review a purchased order line (its buyer only).")
            .WithDescription("One review per order line, once the order is completed or was shipped long enough ago to have arrived " +
                "(`Engagement:Reviews:ReviewableAfterShipping`). `rating` 1–5, `text` up to 5,000 characters (sanitized rich text). Photos (up to 6) " +
                "are uploaded afterwards to `POST /reviews/{id}/photos` and appear in `photos` once processed. 403 for someone else's purchase, 409 for a cancelled or not yet delivered order or a line already " +
                "reviewed, 429 with `Retry-After` past the per-address or per-account posting limit.");
        reviews.MapGet("/{id:guid}", ReviewQueries.Get).AllowAnonymous().ProducesProblem(404)
            .WithName("Reviews_Get")
            .WithSummary("One review.")
            .WithDescription("A hidden review is only shown to its author (with the moderator's reason) and to admins; others get 404.");
        reviews.MapPatch("/{id:guid}", EditReview.Handle).Validate<EditReviewRequest>().RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("Reviews_Edit")
            .WithSummary("Edit your review within 30 days of posting it.")
            .WithDescription("Partial: absent fields keep their value. The product's and shop's rating aggregates are recounted. " +
                "409 after the edit window (`Engagement:Reviews:EditWindow`) or when a moderator hid the review.");
        reviews.MapPost("/{id:guid}/answer", AnswerReview.Handle).Validate<AnswerReviewRequest>().RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("Reviews_Answer")
            .WithSummary("The reviewed shop's public answer (its owner, once).")
            .WithDescription("Sanitized rich text up to 2,000 characters. A second answer is 409; another merchant is 403.");
        reviews.MapPost("/{id:guid}/helpful", HelpfulVotes.Vote).RequireAuthorization().ProducesProblem(404).ProducesProblem(409)
            .WithName("Reviews_VoteHelpful")
            .WithSummary("Vote a review helpful (one vote per user; repeating it changes nothing).")
            .WithDescription("Counts towards `sort=helpful`. Voting your own review is 409.");
        reviews.MapDelete("/{id:guid}/helpful", HelpfulVotes.Withdraw).RequireAuthorization().ProducesProblem(404)
            .WithName("Reviews_WithdrawHelpfulVote")
            .WithSummary("Withdraw your helpful vote.")
            .WithDescription("Idempotent: withdrawing a vote you did not give changes nothing.");
        reviews.MapPost("/{id:guid}/reports", Moderation.Report).Validate<ReasonRequest>().RequireAuthorization()
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("Reviews_Report")
            .WithSummary("Report a review to the moderators, with a reason (once per review).")
            .WithDescription("Any signed-in user. The review enters the admin's moderation queue.");
        reviews.MapPost("/{id:guid}/hide", Moderation.Hide).Validate<ReasonRequest>().RequireAuthorization(Policies.Admin)
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("Reviews_Hide")
            .WithSummary("Hide a review, with a reason (admin).")
            .WithDescription("The review leaves the public lists and the rating aggregates (recounted and published at once); its open reports are resolved.");
        reviews.MapPost("/{id:guid}/unhide", Moderation.Show).RequireAuthorization(Policies.Admin)
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("Reviews_Unhide")
            .WithSummary("Show a hidden review again (admin).")
            .WithDescription("It counts in the rating aggregates again.");
        reviews.MapPost("/{id:guid}/reports/dismiss", Moderation.Dismiss).RequireAuthorization(Policies.Admin)
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("Reviews_DismissReports")
            .WithSummary("Keep a reported review: its open reports leave the queue (admin).")
            .WithDescription("The review stays visible.");
        api.MapGet("/admin/review-reports", Moderation.Queue).WithTags("Reviews").RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(403)
            .WithName("Reviews_ListReported")
            .WithSummary("The moderation queue: reviews with open reports, most reported first (admin).")
            .WithDescription("Paged (`page`, `pageSize`). Each item is the review with its open reports (reason, time).");
        api.MapGet("/products/{id:guid}/reviews", ReviewQueries.OfProduct).WithTags("Reviews").AllowAnonymous().ProducesValidationProblem()
            .WithName("Reviews_ListOfProduct")
            .WithSummary("A product's reviews.")
            .WithDescription("`sort=newest` (default), `helpful` (most helpful votes first) or `photos` (reviews with photos first); " +
                "`rating=1..5` keeps one star level; paged. Hidden reviews are left out. The aggregate is on the product (`rating`).");
        api.MapGet("/shops/{shopId:guid}/reviews", ReviewQueries.OfShop).WithTags("Reviews").AllowAnonymous().ProducesValidationProblem()
            .WithName("Reviews_ListOfShop")
            .WithSummary("The reviews of all of a shop's products.")
            .WithDescription("Same sorting, filter and paging as a product's reviews. The aggregate is on the shop (`rating`).");
        api.MapGet("/me/reviews", ReviewQueries.Mine).WithTags("Reviews").RequireAuthorization().ProducesValidationProblem()
            .WithName("Reviews_ListMine")
            .WithSummary("Your reviews, newest first, hidden ones included with the moderator's reason.")
            .WithDescription("Paged (`page`, `pageSize`).");
    }
}
