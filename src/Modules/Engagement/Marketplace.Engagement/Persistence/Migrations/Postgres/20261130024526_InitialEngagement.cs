using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Engagement.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialEngagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "engagement");

            migrationBuilder.CreateTable(
                name: "engagement_follows",
                schema: "engagement",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_follows", x => new { x.UserId, x.Kind, x.TargetId });
                });

            migrationBuilder.CreateTable(
                name: "engagement_inbox",
                schema: "engagement",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "engagement_notifications",
                schema: "engagement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "engagement_outbox",
                schema: "engagement",
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
                    table.PrimaryKey("PK_engagement_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "engagement_rating_aggregates",
                schema: "engagement",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    One = table.Column<int>(type: "integer", nullable: false),
                    Two = table.Column<int>(type: "integer", nullable: false),
                    Three = table.Column<int>(type: "integer", nullable: false),
                    Four = table.Column<int>(type: "integer", nullable: false),
                    Five = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_rating_aggregates", x => new { x.Kind, x.TargetId });
                });

            migrationBuilder.CreateTable(
                name: "engagement_review_reports",
                schema: "engagement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReporterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_review_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "engagement_review_votes",
                schema: "engagement",
                columns: table => new
                {
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_review_votes", x => new { x.ReviewId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "engagement_reviews",
                schema: "engagement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderLineId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    PhotoUrls = table.Column<List<string>>(type: "text[]", nullable: false),
                    HasPhotos = table.Column<bool>(type: "boolean", nullable: false),
                    HelpfulCount = table.Column<int>(type: "integer", nullable: false),
                    ReportCount = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HiddenReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    HiddenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "engagement_schedule_cursors",
                schema: "engagement",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_schedule_cursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "engagement_wishlist_items",
                schema: "engagement",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_wishlist_items", x => new { x.UserId, x.ProductId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_follows_Kind_TargetId",
                schema: "engagement",
                table: "engagement_follows",
                columns: new[] { "Kind", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_notifications_RecipientId_CreatedAt",
                schema: "engagement",
                table: "engagement_notifications",
                columns: new[] { "RecipientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_notifications_RecipientId_DedupKey",
                schema: "engagement",
                table: "engagement_notifications",
                columns: new[] { "RecipientId", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_engagement_notifications_RecipientId_ReadAt",
                schema: "engagement",
                table: "engagement_notifications",
                columns: new[] { "RecipientId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_outbox_EventId",
                schema: "engagement",
                table: "engagement_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_engagement_outbox_ProcessedAt_Id",
                schema: "engagement",
                table: "engagement_outbox",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_review_reports_ResolvedAt_ReviewId",
                schema: "engagement",
                table: "engagement_review_reports",
                columns: new[] { "ResolvedAt", "ReviewId" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_review_reports_ReviewId_ReporterId",
                schema: "engagement",
                table: "engagement_review_reports",
                columns: new[] { "ReviewId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_engagement_reviews_AuthorId_CreatedAt",
                schema: "engagement",
                table: "engagement_reviews",
                columns: new[] { "AuthorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_reviews_OrderLineId",
                schema: "engagement",
                table: "engagement_reviews",
                column: "OrderLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_engagement_reviews_ProductId_Status_CreatedAt",
                schema: "engagement",
                table: "engagement_reviews",
                columns: new[] { "ProductId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_reviews_ShopId_Status_CreatedAt",
                schema: "engagement",
                table: "engagement_reviews",
                columns: new[] { "ShopId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_engagement_wishlist_items_UserId_AddedAt",
                schema: "engagement",
                table: "engagement_wishlist_items",
                columns: new[] { "UserId", "AddedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "engagement_follows",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_inbox",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_notifications",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_outbox",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_rating_aggregates",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_review_reports",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_review_votes",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_reviews",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_schedule_cursors",
                schema: "engagement");

            migrationBuilder.DropTable(
                name: "engagement_wishlist_items",
                schema: "engagement");
        }
    }
}
