using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CensusImportedAt",
                table: "SurveyWaves",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SurveyIrisQuartiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Iris = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Quartier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    QuartierName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
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
