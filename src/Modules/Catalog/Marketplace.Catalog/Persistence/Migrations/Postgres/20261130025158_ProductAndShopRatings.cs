using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Catalog.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductAndShopRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "RatingAverage",
                schema: "catalog",
                table: "catalog_shops",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                schema: "catalog",
                table: "catalog_shops",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<int>>(
                name: "RatingDistribution",
                schema: "catalog",
                table: "catalog_shops",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<long>(
                name: "RatingVersion",
                schema: "catalog",
                table: "catalog_shops",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<double>(
                name: "RatingAverage",
                schema: "catalog",
                table: "catalog_products",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                schema: "catalog",
                table: "catalog_products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<int>>(
                name: "RatingDistribution",
                schema: "catalog",
                table: "catalog_products",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<long>(
                name: "RatingVersion",
                schema: "catalog",
                table: "catalog_products",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RatingAverage",
                schema: "catalog",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                schema: "catalog",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingDistribution",
                schema: "catalog",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingVersion",
                schema: "catalog",
                table: "catalog_shops");

            migrationBuilder.DropColumn(
                name: "RatingAverage",
                schema: "catalog",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                schema: "catalog",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "RatingDistribution",
                schema: "catalog",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "RatingVersion",
                schema: "catalog",
                table: "catalog_products");
        }
    }
}
