using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialExhibitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exhibitions_activities",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_activities", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MerchantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ShopSlug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    TierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TierName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    HallPreference = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Pitch = table.Column<string>(type: "TEXT", nullable: false),
                    ProductIds = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_booths",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionSlug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ShopSlug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Subsectors = table.Column<string>(type: "TEXT", nullable: false),
                    Subsector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TierName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    HallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HallName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    HallPosition = table.Column<int>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    BannerUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Story = table.Column<string>(type: "TEXT", nullable: true),
                    FeaturedProductIds = table.Column<string>(type: "TEXT", nullable: false),
                    VideoUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DocumentsJson = table.Column<string>(type: "TEXT", nullable: false),
                    LiveSessionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PromoCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_booths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganiserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BannerUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Subsectors = table.Column<string>(type: "TEXT", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_exhibitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_inbox",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Company = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    ShippingCityCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    VisitorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QuotedAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_outbox",
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
                    table.PrimaryKey("PK_exhibitions_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_halls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    NextSlot = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_halls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exhibitions_halls_exhibitions_exhibitions_ExhibitionId",
                        column: x => x.ExhibitionId,
                        principalTable: "exhibitions_exhibitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_tiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Taken = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_tiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exhibitions_tiers_exhibitions_exhibitions_ExhibitionId",
                        column: x => x.ExhibitionId,
                        principalTable: "exhibitions_exhibitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_activities_BoothId",
                table: "exhibitions_activities",
                column: "BoothId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_activities_ExhibitionId_Kind",
                table: "exhibitions_activities",
                columns: new[] { "ExhibitionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_applications_ExhibitionId_ShopId",
                table: "exhibitions_applications",
                columns: new[] { "ExhibitionId", "ShopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_applications_ExhibitionId_Status",
                table: "exhibitions_applications",
                columns: new[] { "ExhibitionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_applications_MerchantId",
                table: "exhibitions_applications",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_ExhibitionId_HallPosition_Slot",
                table: "exhibitions_booths",
                columns: new[] { "ExhibitionId", "HallPosition", "Slot" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_ExhibitionId_ShopId",
                table: "exhibitions_booths",
                columns: new[] { "ExhibitionId", "ShopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_HallId_Slot",
                table: "exhibitions_booths",
                columns: new[] { "HallId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_ShopId",
                table: "exhibitions_booths",
                column: "ShopId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_OrganiserId",
                table: "exhibitions_exhibitions",
                column: "OrganiserId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_Published_StartsAt",
                table: "exhibitions_exhibitions",
                columns: new[] { "Published", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_Slug",
                table: "exhibitions_exhibitions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_halls_ExhibitionId",
                table: "exhibitions_halls",
                column: "ExhibitionId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_leads_BoothId_CreatedAt",
                table: "exhibitions_leads",
                columns: new[] { "BoothId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_leads_ExhibitionId",
                table: "exhibitions_leads",
                column: "ExhibitionId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_outbox_EventId",
                table: "exhibitions_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_outbox_ProcessedAt_Id",
                table: "exhibitions_outbox",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_tiers_ExhibitionId",
                table: "exhibitions_tiers",
                column: "ExhibitionId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_BoothId_VisitorId",
                table: "exhibitions_visits",
                columns: new[] { "BoothId", "VisitorId" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_At",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_BoothId_Day",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "BoothId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_Day",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exhibitions_activities");

            migrationBuilder.DropTable(
                name: "exhibitions_applications");

            migrationBuilder.DropTable(
                name: "exhibitions_booths");

            migrationBuilder.DropTable(
                name: "exhibitions_halls");

            migrationBuilder.DropTable(
                name: "exhibitions_inbox");

            migrationBuilder.DropTable(
                name: "exhibitions_leads");

            migrationBuilder.DropTable(
                name: "exhibitions_outbox");

            migrationBuilder.DropTable(
                name: "exhibitions_tiers");

            migrationBuilder.DropTable(
                name: "exhibitions_visits");

            migrationBuilder.DropTable(
                name: "exhibitions_exhibitions");
        }
    }
}
