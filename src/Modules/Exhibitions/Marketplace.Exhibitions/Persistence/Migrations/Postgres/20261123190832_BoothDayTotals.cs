using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BoothDayTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exhibitions_booth_days",
                schema: "exhibitions",
                columns: table => new
                {
                    BoothId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Visits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_booth_days", x => new { x.BoothId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booth_days_ExhibitionId_Day",
                schema: "exhibitions",
                table: "exhibitions_booth_days",
                columns: new[] { "ExhibitionId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exhibitions_booth_days",
                schema: "exhibitions");
        }
    }
}
