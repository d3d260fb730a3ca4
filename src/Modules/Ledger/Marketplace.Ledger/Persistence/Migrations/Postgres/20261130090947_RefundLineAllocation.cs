using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Ledger.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RefundLineAllocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Commission",
                schema: "ledger",
                table: "ledger_refund_lines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Subsidy",
                schema: "ledger",
                table: "ledger_refund_lines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Commission",
                schema: "ledger",
                table: "ledger_refund_lines");

            migrationBuilder.DropColumn(
                name: "Subsidy",
                schema: "ledger",
                table: "ledger_refund_lines");
        }
    }
}
