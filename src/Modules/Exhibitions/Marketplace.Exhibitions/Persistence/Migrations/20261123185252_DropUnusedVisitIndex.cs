using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DropUnusedVisitIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_exhibitions_visits_BoothId_VisitorId",
                table: "exhibitions_visits");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_BoothId_VisitorId",
                table: "exhibitions_visits",
                columns: new[] { "BoothId", "VisitorId" });
        }
    }
}
