using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Catalog.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MediaCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MediaImages",
                table: "catalog_shops",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MediaRevision",
                table: "catalog_shops",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediaImages",
                table: "catalog_products",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MediaRevision",
                table: "catalog_products",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MediaImages",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "MediaRevision",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "MediaImages",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "MediaRevision",
                table: "catalog_products");
        }
    }
}
