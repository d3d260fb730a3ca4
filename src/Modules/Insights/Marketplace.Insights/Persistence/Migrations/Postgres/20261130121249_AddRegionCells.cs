using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Insights.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddRegionCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insights_region_cells",
                schema: "insights",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Subsector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
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
                    table.PrimaryKey("PK_insights_region_cells", x => new { x.Region, x.Subsector, x.Month });
                });

            // The roll-ups of what the city cells already count: the provinces, then the country.
            migrationBuilder.Sql(@"INSERT INTO ""insights"".""insights_region_cells"" (""Region"", ""Subsector"", ""Month"", ""Orders"", ""PaidGmv"", ""Buyers"", ""RepeatBuyers"", ""BuyersOutsideCity"", ""BuyersOutsideProvince"", ""BuyersAbroad"", ""Booths"", ""Leads"", ""AttributedOrders"", ""AttributedSales"") SELECT ""ProvinceCode"", ""Subsector"", ""Month"", SUM(""Orders""), SUM(""PaidGmv""), SUM(""Buyers""), SUM(""RepeatBuyers""), SUM(""BuyersOutsideCity""), SUM(""BuyersOutsideProvince""), SUM(""BuyersAbroad""), SUM(""Booths""), SUM(""Leads""), SUM(""AttributedOrders""), SUM(""AttributedSales"") FROM ""insights"".""insights_cells"" GROUP BY ""ProvinceCode"", ""Subsector"", ""Month"";");
            migrationBuilder.Sql(@"INSERT INTO ""insights"".""insights_region_cells"" (""Region"", ""Subsector"", ""Month"", ""Orders"", ""PaidGmv"", ""Buyers"", ""RepeatBuyers"", ""BuyersOutsideCity"", ""BuyersOutsideProvince"", ""BuyersAbroad"", ""Booths"", ""Leads"", ""AttributedOrders"", ""AttributedSales"") SELECT '', ""Subsector"", ""Month"", SUM(""Orders""), SUM(""PaidGmv""), SUM(""Buyers""), SUM(""RepeatBuyers""), SUM(""BuyersOutsideCity""), SUM(""BuyersOutsideProvince""), SUM(""BuyersAbroad""), SUM(""Booths""), SUM(""Leads""), SUM(""AttributedOrders""), SUM(""AttributedSales"") FROM ""insights"".""insights_cells"" GROUP BY ""Subsector"", ""Month"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "insights_region_cells",
                schema: "insights");
        }
    }
}
