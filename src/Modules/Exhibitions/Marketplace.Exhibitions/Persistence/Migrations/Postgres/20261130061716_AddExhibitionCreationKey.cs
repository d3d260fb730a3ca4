using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddExhibitionCreationKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreationKey",
                schema: "exhibitions",
                table: "exhibitions_exhibitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_OrganiserId_CreationKey",
                schema: "exhibitions",
                table: "exhibitions_exhibitions",
                columns: new[] { "OrganiserId", "CreationKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_exhibitions_exhibitions_OrganiserId_CreationKey",
                schema: "exhibitions",
                table: "exhibitions_exhibitions");

            migrationBuilder.DropColumn(
                name: "CreationKey",
                schema: "exhibitions",
                table: "exhibitions_exhibitions");
        }
    }
}
