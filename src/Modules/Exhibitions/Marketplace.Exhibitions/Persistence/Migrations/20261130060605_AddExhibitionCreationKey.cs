using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddExhibitionCreationKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreationKey",
                table: "exhibitions_exhibitions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_OrganiserId_CreationKey",
                table: "exhibitions_exhibitions",
                columns: new[] { "OrganiserId", "CreationKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_exhibitions_exhibitions_OrganiserId_CreationKey",
                table: "exhibitions_exhibitions");

            migrationBuilder.DropColumn(
                name: "CreationKey",
                table: "exhibitions_exhibitions");
        }
    }
}
