using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Engagement.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewPhotosThroughMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhotoUrls",
                schema: "engagement",
                table: "engagement_reviews");

            migrationBuilder.CreateIndex(
                name: "IX_engagement_reviews_ProductId_Status_HasPhotos_CreatedAt",
                schema: "engagement",
                table: "engagement_reviews",
                columns: new[] { "ProductId", "Status", "HasPhotos", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_engagement_reviews_ProductId_Status_HasPhotos_CreatedAt",
                schema: "engagement",
                table: "engagement_reviews");

            migrationBuilder.AddColumn<List<string>>(
                name: "PhotoUrls",
                schema: "engagement",
                table: "engagement_reviews",
                type: "text[]",
                nullable: false);
        }
    }
}
