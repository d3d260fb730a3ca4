using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Ledger.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LineRunningBalance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ledger_lines_AccountId_PostedAt_Id",
                schema: "ledger",
                table: "ledger_lines");

            migrationBuilder.AddColumn<long>(
                name: "BalanceAfter",
                schema: "ledger",
                table: "ledger_lines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_lines_AccountId_PostedAt_Id",
                schema: "ledger",
                table: "ledger_lines",
                columns: new[] { "AccountId", "PostedAt", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "Amount", "BalanceAfter" });

            // Backfill: each existing line's running balance, in the order its account's balance moved (line ids follow the row locks).
            migrationBuilder.Sql("""
                UPDATE "ledger"."ledger_lines" SET "BalanceAfter" = w."Running"
                FROM (SELECT "Id", SUM("Amount") OVER (PARTITION BY "AccountId" ORDER BY "Id" ROWS UNBOUNDED PRECEDING) AS "Running"
                      FROM "ledger"."ledger_lines") AS w
                WHERE w."Id" = "ledger"."ledger_lines"."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ledger_lines_AccountId_PostedAt_Id",
                schema: "ledger",
                table: "ledger_lines");

            migrationBuilder.DropColumn(
                name: "BalanceAfter",
                schema: "ledger",
                table: "ledger_lines");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_lines_AccountId_PostedAt_Id",
                schema: "ledger",
                table: "ledger_lines",
                columns: new[] { "AccountId", "PostedAt", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "Amount" });
        }
    }
}
