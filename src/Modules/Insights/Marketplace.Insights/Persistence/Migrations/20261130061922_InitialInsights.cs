using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Insights.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insights_booths",
                columns: table => new
                {
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_booths", x => x.BoothId);
                });

            migrationBuilder.CreateTable(
                name: "insights_cell_buyers",
                columns: table => new
                {
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Orders = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_cell_buyers", x => new { x.CityCode, x.Subsector, x.Month, x.BuyerId });
                });

            migrationBuilder.CreateTable(
                name: "insights_cells",
                columns: table => new
                {
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Orders = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidGmv = table.Column<long>(type: "INTEGER", nullable: false),
                    Buyers = table.Column<long>(type: "INTEGER", nullable: false),
                    RepeatBuyers = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyersOutsideCity = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyersOutsideProvince = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyersAbroad = table.Column<long>(type: "INTEGER", nullable: false),
                    Booths = table.Column<long>(type: "INTEGER", nullable: false),
                    Leads = table.Column<long>(type: "INTEGER", nullable: false),
                    AttributedOrders = table.Column<long>(type: "INTEGER", nullable: false),
                    AttributedSales = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_cells", x => new { x.CityCode, x.Subsector, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "insights_inbox",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "insights_listings",
                columns: table => new
                {
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    ActiveShops = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductsListed = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_listings", x => new { x.CityCode, x.Subsector });
                });

            migrationBuilder.CreateTable(
                name: "insights_orders",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Parts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_orders", x => x.OrderId);
                });

            migrationBuilder.CreateTable(
                name: "insights_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "insights_products",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subsector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Listed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_products", x => x.ProductId);
                });

            migrationBuilder.CreateTable(
                name: "insights_shops",
                columns: table => new
                {
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subsectors = table.Column<string>(type: "TEXT", maxLength: 800, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights_shops", x => x.ShopId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_insights_cells_Subsector_Month_ProvinceCode",
                table: "insights_cells",
                columns: new[] { "Subsector", "Month", "ProvinceCode" });

            migrationBuilder.CreateIndex(
                name: "IX_insights_listings_Subsector_ProvinceCode",
                table: "insights_listings",
                columns: new[] { "Subsector", "ProvinceCode" });

            migrationBuilder.CreateIndex(
                name: "IX_insights_outbox_EventId",
                table: "insights_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_insights_outbox_ProcessedAt_Id",
                table: "insights_outbox",
                columns: new[] { "ProcessedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "insights_booths");

            migrationBuilder.DropTable(
                name: "insights_cell_buyers");

            migrationBuilder.DropTable(
                name: "insights_cells");

            migrationBuilder.DropTable(
                name: "insights_inbox");

            migrationBuilder.DropTable(
                name: "insights_listings");

            migrationBuilder.DropTable(
                name: "insights_orders");

            migrationBuilder.DropTable(
                name: "insights_outbox");

            migrationBuilder.DropTable(
                name: "insights_products");

            migrationBuilder.DropTable(
                name: "insights_shops");
        }
    }
}
