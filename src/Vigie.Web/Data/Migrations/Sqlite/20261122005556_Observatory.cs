using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Observatory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Edition = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RowsRead = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsImported = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Indicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Denominator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Indicators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatEditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProducedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatEditions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Schema = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatFiles_StatEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "StatEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GeoCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedLabel = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Disclosure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: true),
                    Rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 10, nullable: true),
                    Population = table.Column<long>(type: "INTEGER", nullable: true),
                    PopulationYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Dwellings = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    DwellingsYear = table.Column<int>(type: "INTEGER", nullable: true),
                    EstimateCount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    EstimateRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatValues_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StatValues_StatEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "StatEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_Status_CreatedAt",
                table: "ImportJobs",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_Code",
                table: "Indicators",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatEditions_Source_ProducedOn",
                table: "StatEditions",
                columns: new[] { "Source", "ProducedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatFiles_EditionId_Sha256",
                table: "StatFiles",
                columns: new[] { "EditionId", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_EditionId_Level_Year_IndicatorId",
                table: "StatValues",
                columns: new[] { "EditionId", "Level", "Year", "IndicatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_IndicatorId",
                table: "StatValues",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_Level_GeoCode_EditionId_Year_IndicatorId",
                table: "StatValues",
                columns: new[] { "Level", "GeoCode", "EditionId", "Year", "IndicatorId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportJobs");

            migrationBuilder.DropTable(
                name: "StatFiles");

            migrationBuilder.DropTable(
                name: "StatValues");

            migrationBuilder.DropTable(
                name: "Indicators");

            migrationBuilder.DropTable(
                name: "StatEditions");
        }
    }
}
