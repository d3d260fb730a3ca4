using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Conversations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversations_clinic_slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BookedShopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BookedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BookedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reminded = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    FollowUpAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_clinic_slots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_clinics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganiserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MentorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MentorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_clinics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShopOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExhibitionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VisitorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VisitorGuestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VisitorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LastSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    VisitorReadSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    ShopReadSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastMessageAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastMessagePreview = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_conversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_inbox",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "conversations_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Sender = table.Column<int>(type: "INTEGER", nullable: false),
                    SenderUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProductPriceAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ProductCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    ProductImageUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_outbox",
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
                    table.PrimaryKey("PK_conversations_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_shop_presence",
                columns: table => new
                {
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations_shop_presence", x => x.ShopId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_BookedShopId_StartsAt",
                table: "conversations_clinic_slots",
                columns: new[] { "BookedShopId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_ClinicId_BookedShopId",
                table: "conversations_clinic_slots",
                columns: new[] { "ClinicId", "BookedShopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_ClinicId_StartsAt",
                table: "conversations_clinic_slots",
                columns: new[] { "ClinicId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinic_slots_Reminded_StartsAt",
                table: "conversations_clinic_slots",
                columns: new[] { "Reminded", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_clinics_ExhibitionId_StartsAt",
                table: "conversations_clinics",
                columns: new[] { "ExhibitionId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_Key",
                table: "conversations_conversations",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_ShopOwnerId_LastMessageAt",
                table: "conversations_conversations",
                columns: new[] { "ShopOwnerId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_VisitorGuestId",
                table: "conversations_conversations",
                column: "VisitorGuestId");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_conversations_VisitorUserId_LastMessageAt",
                table: "conversations_conversations",
                columns: new[] { "VisitorUserId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_messages_ConversationId_Seq",
                table: "conversations_messages",
                columns: new[] { "ConversationId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_outbox_EventId",
                table: "conversations_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_outbox_ProcessedAt_Id",
                table: "conversations_outbox",
                columns: new[] { "ProcessedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversations_clinic_slots");

            migrationBuilder.DropTable(
                name: "conversations_clinics");

            migrationBuilder.DropTable(
                name: "conversations_conversations");

            migrationBuilder.DropTable(
                name: "conversations_inbox");

            migrationBuilder.DropTable(
                name: "conversations_messages");

            migrationBuilder.DropTable(
                name: "conversations_outbox");

            migrationBuilder.DropTable(
                name: "conversations_shop_presence");
        }
    }
}
