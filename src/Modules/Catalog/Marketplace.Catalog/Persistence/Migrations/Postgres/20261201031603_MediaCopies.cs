using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Catalog.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediaCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MediaImages",
                schema: "catalog",
                table: "catalog_shops",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MediaRevision",
                schema: "catalog",
                table: "catalog_shops",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediaImages",
                schema: "catalog",
                table: "catalog_products",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MediaRevision",
                schema: "catalog",
                table: "catalog_products",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MediaImages",
                schema: "catalog",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "MediaRevision",
                schema: "catalog",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "MediaImages",
                schema: "catalog",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "MediaRevision",
                schema: "catalog",
                table: "catalog_products");
        }
    }
}
