using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CounterSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exhibitions_counter_snapshots",
                schema: "exhibitions",
                columns: table => new
                {
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpToVisitId = table.Column<long>(type: "bigint", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_counter_snapshots", x => x.ExhibitionId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_Id",
                schema: "exhibitions",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exhibitions_counter_snapshots",
                schema: "exhibitions");

            migrationBuilder.DropIndex(
                name: "IX_exhibitions_visits_ExhibitionId_Id",
                schema: "exhibitions",
                table: "exhibitions_visits");
        }
    }
}
