using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SurveyCensusMargins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CensusFileName",
                table: "SurveyWaves",
                type: "character varying(260)",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CensusImportedAt",
                table: "SurveyWaves",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SurveyIrisQuartiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Iris = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Quartier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    QuartierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyIrisQuartiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyIrisQuartiers_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyIrisQuartiers_ContractId_Iris",
                table: "SurveyIrisQuartiers",
                columns: new[] { "ContractId", "Iris" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyIrisQuartiers");

            migrationBuilder.DropColumn(
                name: "CensusFileName",
                table: "SurveyWaves");

            migrationBuilder.DropColumn(
                name: "CensusImportedAt",
                table: "SurveyWaves");
        }
    }
}
