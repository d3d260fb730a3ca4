using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Catalog.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "catalog");

            migrationBuilder.CreateTable(
                name: "catalog_cities",
                schema: "catalog",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_cities", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "catalog_inbox",
                schema: "catalog",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "catalog_outbox",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_products",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    DescriptionEn = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Story = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: true),
                    PriceAmount = table.Column<long>(type: "bigint", nullable: false),
                    PriceCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SubsectorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Stock = table.Column<int>(type: "integer", nullable: false),
                    HalalCertificate = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PirtNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    BpomNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ShelfLifeDays = table.Column<int>(type: "integer", nullable: true),
                    Materials = table.Column<List<string>>(type: "text[]", nullable: false),
                    Handmade = table.Column<bool>(type: "boolean", nullable: true),
                    OriginCityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    ImageUrls = table.Column<List<string>>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_provinces",
                schema: "catalog",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_provinces", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "catalog_shops",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Story = table.Column<string>(type: "text", nullable: true),
                    CityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Subsectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ShippingFlatRateAmount = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Verified = table.Column<bool>(type: "boolean", nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SuspensionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_shops", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_stock_reservations",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_stock_reservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_subsectors",
                schema: "catalog",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_subsectors", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "catalog_stock_reservation_lines",
                schema: "catalog",
                columns: table => new
                {
                    ReservationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_stock_reservation_lines", x => new { x.ReservationId, x.ProductId });
                    table.ForeignKey(
                        name: "FK_catalog_stock_reservation_lines_catalog_stock_reservations_~",
                        column: x => x.ReservationId,
                        principalSchema: "catalog",
                        principalTable: "catalog_stock_reservations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_cities_ProvinceCode",
                schema: "catalog",
                table: "catalog_cities",
                column: "ProvinceCode");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_outbox_EventId",
                schema: "catalog",
                table: "catalog_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalog_outbox_ProcessedAt_Id",
                schema: "catalog",
                table: "catalog_outbox",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_products_ShopId_Status",
                schema: "catalog",
                table: "catalog_products",
                columns: new[] { "ShopId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_products_Status_Id",
                schema: "catalog",
                table: "catalog_products",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_shops_CityCode",
                schema: "catalog",
                table: "catalog_shops",
                column: "CityCode");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_shops_OwnerId",
                schema: "catalog",
                table: "catalog_shops",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_shops_Slug",
                schema: "catalog",
                table: "catalog_shops",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalog_stock_reservations_Status_ExpiresAt",
                schema: "catalog",
                table: "catalog_stock_reservations",
                columns: new[] { "Status", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_cities",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_inbox",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_outbox",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_products",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_provinces",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_shops",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_stock_reservation_lines",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_subsectors",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "catalog_stock_reservations",
                schema: "catalog");
        }
    }
}
