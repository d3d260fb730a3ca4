using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Insights.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "insights");

            migrationBuilder.CreateTable(
                name: "insights_booths",
                schema: "insights",
                columns: table => new
                {
                    BoothId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_booths", x => x.BoothId);
                });

            migrationBuilder.CreateTable(
                name: "insights_cell_buyers",
                schema: "insights",
                columns: table => new
                {
                    CityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    BuyerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_cell_buyers", x => new { x.CityCode, x.Subsector, x.Month, x.BuyerId });
                });

            migrationBuilder.CreateTable(
                name: "insights_cells",
                schema: "insights",
                columns: table => new
                {
                    CityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Orders = table.Column<long>(type: "bigint", nullable: false),
                    PaidGmv = table.Column<long>(type: "bigint", nullable: false),
                    Buyers = table.Column<long>(type: "bigint", nullable: false),
                    RepeatBuyers = table.Column<long>(type: "bigint", nullable: false),
                    BuyersOutsideCity = table.Column<long>(type: "bigint", nullable: false),
                    BuyersOutsideProvince = table.Column<long>(type: "bigint", nullable: false),
                    BuyersAbroad = table.Column<long>(type: "bigint", nullable: false),
                    Booths = table.Column<long>(type: "bigint", nullable: false),
                    Leads = table.Column<long>(type: "bigint", nullable: false),
                    AttributedOrders = table.Column<long>(type: "bigint", nullable: false),
                    AttributedSales = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_cells", x => new { x.CityCode, x.Subsector, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "insights_inbox",
                schema: "insights",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "insights_listings",
                schema: "insights",
                columns: table => new
                {
                    CityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    ActiveShops = table.Column<long>(type: "bigint", nullable: false),
                    ProductsListed = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_listings", x => new { x.CityCode, x.Subsector });
                });

            migrationBuilder.CreateTable(
                name: "insights_orders",
                schema: "insights",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Parts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_orders", x => x.OrderId);
                });

            migrationBuilder.CreateTable(
                name: "insights_outbox",
                schema: "insights",
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
                    table.PrimaryKey("PK_insights_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "insights_products",
                schema: "insights",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Listed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_products", x => x.ProductId);
                });

            migrationBuilder.CreateTable(
                name: "insights_shops",
                schema: "insights",
                columns: table => new
                {
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subsectors = table.Column<string>(type: "character varying(800)", maxLength: 800, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_shops", x => x.ShopId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_insights_cells_Subsector_Month_ProvinceCode",
                schema: "insights",
                table: "insights_cells",
                columns: new[] { "Subsector", "Month", "ProvinceCode" });

            migrationBuilder.CreateIndex(
                name: "IX_insights_listings_Subsector_ProvinceCode",
                schema: "insights",
                table: "insights_listings",
                columns: new[] { "Subsector", "ProvinceCode" });

            migrationBuilder.CreateIndex(
                name: "IX_insights_outbox_EventId",
                schema: "insights",
                table: "insights_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_insights_outbox_ProcessedAt_Id",
                schema: "insights",
                table: "insights_outbox",
                columns: new[] { "ProcessedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "insights_booths",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_cell_buyers",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_cells",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_inbox",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_listings",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_orders",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_outbox",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_products",
                schema: "insights");

            migrationBuilder.DropTable(
                name: "insights_shops",
                schema: "insights");
        }
    }
}
