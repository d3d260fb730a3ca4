using Marketplace.Ledger.Commission;
using Marketplace.Ledger.Payouts;
using Marketplace.Ledger.Refunds;
using Marketplace.Ledger.Statements;
using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Ledger;

internal static class LedgerEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var shops = api.MapGroup("/shops/{shopId:guid}").WithTags("Ledger").RequireAuthorization();
        shops.MapGet("/balance", Statement.Balance)
            .WithName("Ledger_GetBalance").WithSummary("A shop's balances")
            .WithDescription("Pending (paid orders not yet completed), available (may be paid out), in payout and paid out, in minor units. For the shop's owner or an admin; another merchant gets 403.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        shops.MapGet("/statement", Statement.Json)
            .WithName("Ledger_GetStatement").WithSummary("A shop's statement (JSON)")
            .WithDescription("Movements of the shop's accounts in [from, to) (default: this month so far), each with its entry, order and line and the balance after it, plus each account's opening and closing balance. ?account=pending|available|in_payout|paid_out narrows it; paged.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        shops.MapGet("/statement.csv", Statement.Csv)
            .WithName("Ledger_GetStatementCsv").WithSummary("A shop's statement (CSV)")
            .WithDescription("The same statement as CSV: an opening-balance row per account, then every movement of the period with the balance after it.")
            .Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        shops.MapPut("/bank-account", BankAccounts.Set).Validate<SetBankAccountRequest>()
            .WithName("Ledger_SetBankAccount").WithSummary("Register the shop's payout bank account")
            .WithDescription("Bank code from GET /ledger/banks, account number (digits, the bank's length), holder name. Replaces the previous account for later payouts. The number is masked in every response. Owner only.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        shops.MapGet("/bank-account", BankAccounts.Get)
            .WithName("Ledger_GetBankAccount").WithSummary("The shop's payout bank account (masked)")
            .WithDescription("The registered bank account with its number masked to the last four digits. Owner or admin.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        shops.MapPost("/payouts", PayoutRequests.Handle).Validate<RequestPayoutRequest>()
            .WithName("Ledger_RequestPayout").WithSummary("Request a payout")
            .WithDescription("Moves the amount from available to in-payout at once (at least Ledger:Payouts:MinimumAmount, at most the available balance — enforced by the store, so concurrent requests cannot overdraw). Needs an Idempotency-Key header and a registered bank account. Owner only.")
            .Produces<PayoutResponse>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        shops.MapGet("/payouts", PayoutQueries.ListForShop)
            .WithName("Ledger_ListShopPayouts").WithSummary("A shop's payouts")
            .WithDescription("Newest first, paged. Owner or admin.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        shops.MapPut("/payout-schedule", PayoutQueries.SetSchedule)
            .WithName("Ledger_SetPayoutSchedule").WithSummary("Opt in or out of weekly payouts")
            .WithDescription("With weekly=true the whole available balance (if at least the minimum) is requested as a payout every week on Ledger:Payouts:WeeklyDay. Owner only.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        var orders = api.MapGroup("/orders/{orderId:guid}/refunds").WithTags("Ledger").RequireAuthorization();
        orders.MapPost("", RefundOrder.Handle).Validate<RefundRequest>()
            .WithName("Ledger_RefundOrder").WithSummary("Refund an order, fully or per line")
            .WithDescription("The shop's owner or an admin gives money back with a reason: some units of some lines (and optionally the shipping), or everything not refunded yet when no lines are given. Card orders are refunded through Stripe, others recorded as a manual transfer back (transferReference). The shop's share, the commission and any platform voucher subsidy are reversed pro rata; returnStock puts the units back on sale. Needs an Idempotency-Key header.")
            .Produces<RefundResponse>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422).ProducesProblem(503);
        orders.MapGet("", RefundQueries.List)
            .WithName("Ledger_ListRefunds").WithSummary("An order's refunds")
            .WithDescription("Oldest first; for the order's shopper, its shop's owner and admins.")
            .ProducesProblem(401).ProducesProblem(404);

        api.MapGet("/ledger/banks", BankAccounts.ListBanks).WithTags("Ledger").AllowAnonymous()
            .WithName("Ledger_ListBanks").WithSummary("Indonesian banks for payouts")
            .WithDescription("Bank Indonesia clearing code, name, and the digits an account number has at that bank.");

        var admin = api.MapGroup("/ledger").WithTags("Ledger").RequireAuthorization(Policies.Admin);
        admin.MapGet("/commission-rates", SetCommissionRate.List)
            .WithName("Ledger_ListCommissionRates").WithSummary("Commission rates in force")
            .WithDescription("The default rate, each sub-sector's and each exhibition's override, in basis points (500 = 5 %). Admin.")
            .ProducesProblem(401).ProducesProblem(403);
        admin.MapPut("/commission-rates/default", SetCommissionRate.Default).Validate<SetCommissionRateRequest>()
            .WithName("Ledger_SetDefaultCommissionRate").WithSummary("Set the default commission rate")
            .WithDescription("Applies to orders placed from now on whose sub-sector has no rate of its own. Admin.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        admin.MapPut("/commission-rates/subsectors/{code}", SetCommissionRate.Subsector).Validate<SetCommissionRateRequest>()
            .WithName("Ledger_SetSubsectorCommissionRate").WithSummary("Set a sub-sector's commission rate")
            .WithDescription("Applies to orders placed from now on. Admin.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapPut("/commission-rates/exhibitions/{exhibitionId:guid}", SetCommissionRate.Exhibition).Validate<SetCommissionRateRequest>()
            .WithName("Ledger_SetExhibitionCommissionRate").WithSummary("Override the commission rate for an exhibition")
            .WithDescription("Lines sold from a booth of this exhibition (placed from now on) use this rate instead of their sub-sector's — 0 waives the fee. Admin.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        admin.MapDelete("/commission-rates/exhibitions/{exhibitionId:guid}", SetCommissionRate.RemoveExhibition)
            .WithName("Ledger_RemoveExhibitionCommissionRate").WithSummary("Remove an exhibition's commission override")
            .WithDescription("Orders placed from now on use their sub-sector rates again. Admin.")
            .ProducesProblem(401).ProducesProblem(403);
        admin.MapGet("/payouts", PayoutQueries.ListAll)
            .WithName("Ledger_ListPayouts").WithSummary("The payout queue")
            .WithDescription("All payouts (?status=requested|approved|paid|failed), oldest first, with the full account number to transfer to. Admin.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        admin.MapPost("/payouts/{id:guid}/approve", PayoutSettlement.Approve)
            .WithName("Ledger_ApprovePayout").WithSummary("Approve a payout")
            .WithDescription("Hands the payout to the configured provider (manual: the admin transfers and then marks it paid). Admin.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/payouts/{id:guid}/mark-paid", PayoutSettlement.MarkPaid).Validate<MarkPayoutPaidRequest>()
            .WithName("Ledger_MarkPayoutPaid").WithSummary("Mark an approved payout paid")
            .WithDescription("With the bank transfer's reference; the amount moves from in-payout to paid-out. Admin.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/payouts/{id:guid}/fail", PayoutSettlement.Fail).Validate<FailPayoutRequest>()
            .WithName("Ledger_FailPayout").WithSummary("Record a failed payout")
            .WithDescription("With the reason; the amount returns to the shop's available balance. Admin.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/reports/commission", CommissionReport.Handle)
            .WithName("Ledger_CommissionReport").WithSummary("Commission by sub-sector and month")
            .WithDescription("The platform's commission net of refunds and cancellations, per sub-sector and month, ?from=yyyy-MM&to=yyyy-MM (default: the last twelve months). Admin.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        admin.MapGet("/reconciliation", Reconciliation.Handle)
            .WithName("Ledger_Reconcile").WithSummary("Check that the ledger holds together")
            .WithDescription("All balances sum to zero, every entry balances, every stored balance equals its lines, and every paid order has its payment entry for its exact total (and its reversal if cancelled). Admin.")
            .ProducesProblem(401).ProducesProblem(403);
    }
}
