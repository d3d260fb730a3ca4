using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BoothDayTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exhibitions_booth_days",
                columns: table => new
                {
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Visits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_booth_days", x => new { x.BoothId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booth_days_ExhibitionId_Day",
                table: "exhibitions_booth_days",
                columns: new[] { "ExhibitionId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exhibitions_booth_days");
        }
    }
}
