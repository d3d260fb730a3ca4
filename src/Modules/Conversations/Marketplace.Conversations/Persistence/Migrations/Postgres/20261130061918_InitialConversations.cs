using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Conversations.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "conversations");

            migrationBuilder.CreateTable(
                name: "conversations_clinic_slots",
                schema: "conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BookedShopId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reminded = table.Column<bool>(type: "boolean", nullable: false),
                    FollowUpNote = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    FollowUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_clinic_slots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_clinics",
                schema: "conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganiserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MentorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MentorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_clinics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_conversations",
                schema: "conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ShopOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    BoothId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExhibitionId = table.Column<Guid>(type: "uuid", nullable: true),
                    VisitorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    VisitorGuestId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    VisitorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LastSeq = table.Column<long>(type: "bigint", nullable: false),
                    VisitorReadSeq = table.Column<long>(type: "bigint", nullable: false),
                    ShopReadSeq = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastMessagePreview = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_conversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_inbox",
                schema: "conversations",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "conversations_messages",
                schema: "conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Sender = table.Column<int>(type: "integer", nullable: false),
                    SenderUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProductName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProductPriceAmount = table.Column<long>(type: "bigint", nullable: true),
                    ProductCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    ProductImageUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_outbox",
                schema: "conversations",
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
                    table.PrimaryKey("PK_conversations_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_shop_presence",
                schema: "conversations",
                columns: table => new
                {
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_shop_presence", x => x.ShopId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_BookedShopId_StartsAt",
                schema: "conversations",
                table: "conversations_clinic_slots",
                columns: new[] { "BookedShopId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_ClinicId_BookedShopId",
                schema: "conversations",
                table: "conversations_clinic_slots",
                columns: new[] { "ClinicId", "BookedShopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_ClinicId_StartsAt",
                schema: "conversations",
                table: "conversations_clinic_slots",
                columns: new[] { "ClinicId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_Reminded_StartsAt",
                schema: "conversations",
                table: "conversations_clinic_slots",
                columns: new[] { "Reminded", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinics_ExhibitionId_StartsAt",
                schema: "conversations",
                table: "conversations_clinics",
                columns: new[] { "ExhibitionId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_Key",
                schema: "conversations",
                table: "conversations_conversations",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_ShopOwnerId_LastMessageAt",
                schema: "conversations",
                table: "conversations_conversations",
                columns: new[] { "ShopOwnerId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_VisitorGuestId",
                schema: "conversations",
                table: "conversations_conversations",
                column: "VisitorGuestId");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_VisitorUserId_LastMessageAt",
                schema: "conversations",
                table: "conversations_conversations",
                columns: new[] { "VisitorUserId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_messages_ConversationId_Seq",
                schema: "conversations",
                table: "conversations_messages",
                columns: new[] { "ConversationId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_outbox_EventId",
                schema: "conversations",
                table: "conversations_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_outbox_ProcessedAt_Id",
                schema: "conversations",
                table: "conversations_outbox",
                columns: new[] { "ProcessedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversations_clinic_slots",
                schema: "conversations");

            migrationBuilder.DropTable(
                name: "conversations_clinics",
                schema: "conversations");

            migrationBuilder.DropTable(
                name: "conversations_conversations",
                schema: "conversations");

            migrationBuilder.DropTable(
                name: "conversations_inbox",
                schema: "conversations");

            migrationBuilder.DropTable(
                name: "conversations_messages",
                schema: "conversations");

            migrationBuilder.DropTable(
                name: "conversations_outbox",
                schema: "conversations");

            migrationBuilder.DropTable(
                name: "conversations_shop_presence",
                schema: "conversations");
        }
    }
}
