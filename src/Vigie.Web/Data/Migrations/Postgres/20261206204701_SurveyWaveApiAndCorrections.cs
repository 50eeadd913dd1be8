using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SurveyWaveApiAndCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SurveyWaves",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "EnteredById",
                table: "SurveyResponses",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "SurveyResponses",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "SurveyResponses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VoidedById",
                table: "SurveyResponses",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SurveyResponseChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    WaveId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Changes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponseChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponseChanges_SurveyWaves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "SurveyWaves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseChanges_ContractId",
                table: "SurveyResponseChanges",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseChanges_WaveId_ResponseId",
                table: "SurveyResponseChanges",
                columns: new[] { "WaveId", "ResponseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyResponseChanges");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SurveyWaves");

            migrationBuilder.DropColumn(
                name: "EnteredById",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "VoidedById",
                table: "SurveyResponses");
        }
    }
}
