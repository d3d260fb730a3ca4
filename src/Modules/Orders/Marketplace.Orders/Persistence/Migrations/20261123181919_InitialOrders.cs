using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Orders.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "orders_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopperId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaymentMethod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    TotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    DiscountAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    VoucherCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AddressLine1 = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentDueAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "orders_idempotency_keys",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_idempotency_keys", x => new { x.UserId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "orders_inbox",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_inbox", x => new { x.EventId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "orders_outbox",
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
                    table.PrimaryKey("PK_orders_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "orders_payment_events",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_payment_events", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "orders_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShopSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShopperId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SubtotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    ShippingAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    DiscountAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ShippedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RefundId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_orders_orders_orders_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "orders_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImageUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UnitPriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    LineTotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    BoothId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_orders_lines_orders_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_transitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_transitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_orders_transitions_orders_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_orders_groups_PaymentIntentId",
                table: "orders_groups",
                column: "PaymentIntentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_groups_ShopperId_CreatedAt",
                table: "orders_groups",
                columns: new[] { "ShopperId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_lines_OrderId",
                table: "orders_lines",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_orders_orders_GroupId",
                table: "orders_orders",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_orders_orders_ShopId_Status_CreatedAt",
                table: "orders_orders",
                columns: new[] { "ShopId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_orders_ShopperId_CreatedAt",
                table: "orders_orders",
                columns: new[] { "ShopperId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_outbox_EventId",
                table: "orders_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_outbox_ProcessedAt_Id",
                table: "orders_outbox",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_transitions_OrderId",
                table: "orders_transitions",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "orders_idempotency_keys");

            migrationBuilder.DropTable(
                name: "orders_inbox");

            migrationBuilder.DropTable(
                name: "orders_lines");

            migrationBuilder.DropTable(
                name: "orders_outbox");

            migrationBuilder.DropTable(
                name: "orders_payment_events");

            migrationBuilder.DropTable(
                name: "orders_transitions");

            migrationBuilder.DropTable(
                name: "orders_orders");

            migrationBuilder.DropTable(
                name: "orders_groups");
        }
    }
}
