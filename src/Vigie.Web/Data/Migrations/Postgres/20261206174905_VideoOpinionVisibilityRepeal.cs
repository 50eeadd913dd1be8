using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VideoOpinionVisibilityRepeal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "VideoCommitteeOpinions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepealMotive",
                table: "VideoAuthorisations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "VideoCommitteeOpinions");

            migrationBuilder.DropColumn(
                name: "RepealMotive",
                table: "VideoAuthorisations");
        }
    }
}
