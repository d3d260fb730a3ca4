using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Ledger.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AccountLastPostedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastPostedAt",
                table: "ledger_accounts",
                type: "INTEGER",
                nullable: true);

            // Backfill: each shop account's last line so far (the journal dates a shop's lines no earlier than this).
            migrationBuilder.Sql("""
                UPDATE "ledger_accounts" SET "LastPostedAt" =
                    (SELECT MAX(l."PostedAt") FROM "ledger_lines" AS l WHERE l."AccountId" = "ledger_accounts"."Id")
                WHERE "Kind" LIKE 'shop%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastPostedAt",
                table: "ledger_accounts");
        }
    }
}
