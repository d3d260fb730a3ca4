using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Ledger.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LineRunningBalance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BalanceAfter",
                table: "ledger_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Backfill: each existing line's running balance, in the order its account's balance moved (line ids follow the row locks).
            migrationBuilder.Sql("""
                UPDATE "ledger_lines" SET "BalanceAfter" = w."Running"
                FROM (SELECT "Id", SUM("Amount") OVER (PARTITION BY "AccountId" ORDER BY "Id" ROWS UNBOUNDED PRECEDING) AS "Running"
                      FROM "ledger_lines") AS w
                WHERE w."Id" = "ledger_lines"."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BalanceAfter",
                table: "ledger_lines");
        }
    }
}
