using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CounterSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exhibitions_counter_snapshots",
                columns: table => new
                {
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpToVisitId = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_counter_snapshots", x => x.ExhibitionId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_Id",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exhibitions_counter_snapshots");

            migrationBuilder.DropIndex(
                name: "IX_exhibitions_visits_ExhibitionId_Id",
                table: "exhibitions_visits");
        }
    }
}
