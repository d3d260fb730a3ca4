using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Engagement.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReviewPhotosThroughMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhotoUrls",
                table: "engagement_reviews");

            migrationBuilder.CreateIndex(
                name: "IX_engagement_reviews_ProductId_Status_HasPhotos_CreatedAt",
                table: "engagement_reviews",
                columns: new[] { "ProductId", "Status", "HasPhotos", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_engagement_reviews_ProductId_Status_HasPhotos_CreatedAt",
                table: "engagement_reviews");

            migrationBuilder.AddColumn<string>(
                name: "PhotoUrls",
                table: "engagement_reviews",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }
    }
}
