using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CasesQuartierRightsApplied : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AreaId",
                table: "CaseStatsStubs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AreaId",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "CaseRightsRequests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeReason",
                table: "CaseRightsRequests",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatsStubs_AreaId",
                table: "CaseStatsStubs",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSheets_AreaId",
                table: "CaseSheets",
                column: "AreaId");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseSheets_Areas_AreaId",
                table: "CaseSheets",
                column: "AreaId",
                principalTable: "Areas",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseStatsStubs_Areas_AreaId",
                table: "CaseStatsStubs",
                column: "AreaId",
                principalTable: "Areas",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseSheets_Areas_AreaId",
                table: "CaseSheets");

            migrationBuilder.DropForeignKey(
                name: "FK_CaseStatsStubs_Areas_AreaId",
                table: "CaseStatsStubs");

            migrationBuilder.DropIndex(
                name: "IX_CaseStatsStubs_AreaId",
                table: "CaseStatsStubs");

            migrationBuilder.DropIndex(
                name: "IX_CaseSheets_AreaId",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "AreaId",
                table: "CaseStatsStubs");

            migrationBuilder.DropColumn(
                name: "AreaId",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "CaseRightsRequests");

            migrationBuilder.DropColumn(
                name: "OutcomeReason",
                table: "CaseRightsRequests");
        }
    }
}
