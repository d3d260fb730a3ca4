using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Catalog.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProductAndShopRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "RatingAverage",
                table: "catalog_shops",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                table: "catalog_shops",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RatingDistribution",
                table: "catalog_shops",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "RatingVersion",
                table: "catalog_shops",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<double>(
                name: "RatingAverage",
                table: "catalog_products",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                table: "catalog_products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RatingDistribution",
                table: "catalog_products",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "RatingVersion",
                table: "catalog_products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RatingAverage",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingDistribution",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingVersion",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingAverage",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "RatingDistribution",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "RatingVersion",
                table: "catalog_products");
        }
    }
}
