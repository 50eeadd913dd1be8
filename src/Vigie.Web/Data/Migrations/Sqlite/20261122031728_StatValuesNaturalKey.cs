using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatValuesNaturalKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StatValues_Indicators_IndicatorId",
                table: "StatValues");

            migrationBuilder.DropForeignKey(
                name: "FK_StatValues_StatEditions_EditionId",
                table: "StatValues");

            migrationBuilder.DropPrimaryKey(
                name: "PK_StatValues",
                table: "StatValues");

            migrationBuilder.DropIndex(
                name: "IX_StatValues_IndicatorId",
                table: "StatValues");

            migrationBuilder.DropIndex(
                name: "IX_StatValues_Level_GeoCode_EditionId_Year_IndicatorId",
                table: "StatValues");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "StatValues");

            migrationBuilder.AddPrimaryKey(
                name: "PK_StatValues",
                table: "StatValues",
                columns: new[] { "Level", "GeoCode", "EditionId", "Year", "IndicatorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_StatValues",
                table: "StatValues");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "StatValues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_StatValues",
                table: "StatValues",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_IndicatorId",
                table: "StatValues",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_Level_GeoCode_EditionId_Year_IndicatorId",
                table: "StatValues",
                columns: new[] { "Level", "GeoCode", "EditionId", "Year", "IndicatorId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_StatValues_Indicators_IndicatorId",
                table: "StatValues",
                column: "IndicatorId",
                principalTable: "Indicators",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_StatValues_StatEditions_EditionId",
                table: "StatValues",
                column: "EditionId",
                principalTable: "StatEditions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
