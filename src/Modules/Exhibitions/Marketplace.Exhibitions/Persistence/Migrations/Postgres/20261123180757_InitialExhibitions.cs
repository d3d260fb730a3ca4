using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Exhibitions.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialExhibitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "exhibitions");

            migrationBuilder.CreateTable(
                name: "exhibitions_activities",
                schema: "exhibitions",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BoothId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_activities", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_applications",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    MerchantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ShopSlug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    TierName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    HallPreference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Pitch = table.Column<string>(type: "text", nullable: false),
                    ProductIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    BoothId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_booths",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionSlug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ShopSlug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    SearchText = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    CityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Subsectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    Subsector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    TierName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    HallId = table.Column<Guid>(type: "uuid", nullable: false),
                    HallName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    HallPosition = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    BannerUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Story = table.Column<string>(type: "text", nullable: true),
                    FeaturedProductIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    VideoUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DocumentsJson = table.Column<string>(type: "text", nullable: false),
                    LiveSessionsJson = table.Column<string>(type: "text", nullable: false),
                    PromoCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_booths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_exhibitions",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganiserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Theme = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    CityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BannerUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Subsectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_exhibitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_inbox",
                schema: "exhibitions",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_leads",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BoothId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Company = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    Message = table.Column<string>(type: "text", nullable: true),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProductName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: true),
                    ShippingCityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    VisitorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    QuotedAmount = table.Column<long>(type: "bigint", nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_outbox",
                schema: "exhibitions",
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
                    table.PrimaryKey("PK_exhibitions_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_visits",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BoothId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitorId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_halls",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    NextSlot = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_halls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exhibitions_halls_exhibitions_exhibitions_ExhibitionId",
                        column: x => x.ExhibitionId,
                        principalSchema: "exhibitions",
                        principalTable: "exhibitions_exhibitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exhibitions_tiers",
                schema: "exhibitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false),
                    PriceAmount = table.Column<long>(type: "bigint", nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exhibitions_tiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exhibitions_tiers_exhibitions_exhibitions_ExhibitionId",
                        column: x => x.ExhibitionId,
                        principalSchema: "exhibitions",
                        principalTable: "exhibitions_exhibitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_activities_BoothId",
                schema: "exhibitions",
                table: "exhibitions_activities",
                column: "BoothId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_activities_ExhibitionId_Kind",
                schema: "exhibitions",
                table: "exhibitions_activities",
                columns: new[] { "ExhibitionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_applications_ExhibitionId_ShopId",
                schema: "exhibitions",
                table: "exhibitions_applications",
                columns: new[] { "ExhibitionId", "ShopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_applications_ExhibitionId_Status",
                schema: "exhibitions",
                table: "exhibitions_applications",
                columns: new[] { "ExhibitionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_applications_MerchantId",
                schema: "exhibitions",
                table: "exhibitions_applications",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_ExhibitionId_HallPosition_Slot",
                schema: "exhibitions",
                table: "exhibitions_booths",
                columns: new[] { "ExhibitionId", "HallPosition", "Slot" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_ExhibitionId_ShopId",
                schema: "exhibitions",
                table: "exhibitions_booths",
                columns: new[] { "ExhibitionId", "ShopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_HallId_Slot",
                schema: "exhibitions",
                table: "exhibitions_booths",
                columns: new[] { "HallId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_booths_ShopId",
                schema: "exhibitions",
                table: "exhibitions_booths",
                column: "ShopId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_OrganiserId",
                schema: "exhibitions",
                table: "exhibitions_exhibitions",
                column: "OrganiserId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_Published_StartsAt",
                schema: "exhibitions",
                table: "exhibitions_exhibitions",
                columns: new[] { "Published", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_exhibitions_Slug",
                schema: "exhibitions",
                table: "exhibitions_exhibitions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_halls_ExhibitionId",
                schema: "exhibitions",
                table: "exhibitions_halls",
                column: "ExhibitionId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_leads_BoothId_CreatedAt",
                schema: "exhibitions",
                table: "exhibitions_leads",
                columns: new[] { "BoothId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_leads_ExhibitionId",
                schema: "exhibitions",
                table: "exhibitions_leads",
                column: "ExhibitionId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_outbox_EventId",
                schema: "exhibitions",
                table: "exhibitions_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_outbox_ProcessedAt_Id",
                schema: "exhibitions",
                table: "exhibitions_outbox",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_tiers_ExhibitionId",
                schema: "exhibitions",
                table: "exhibitions_tiers",
                column: "ExhibitionId");

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_BoothId_VisitorId",
                schema: "exhibitions",
                table: "exhibitions_visits",
                columns: new[] { "BoothId", "VisitorId" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_At",
                schema: "exhibitions",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_BoothId_Day",
                schema: "exhibitions",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "BoothId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_exhibitions_visits_ExhibitionId_Day",
                schema: "exhibitions",
                table: "exhibitions_visits",
                columns: new[] { "ExhibitionId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exhibitions_activities",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_applications",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_booths",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_halls",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_inbox",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_leads",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_outbox",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_tiers",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_visits",
                schema: "exhibitions");

            migrationBuilder.DropTable(
                name: "exhibitions_exhibitions",
                schema: "exhibitions");
        }
    }
}
