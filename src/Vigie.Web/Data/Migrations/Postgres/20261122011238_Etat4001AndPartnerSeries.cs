using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Etat4001AndPartnerSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Etat4001Indexes",
                columns: table => new
                {
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Etat4001Indexes", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "Etat4001Services",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Force = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DepartementCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Perimeter = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CommuneCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Etat4001Services", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PartnerSeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SourceKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerSeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerSeries_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartnerSeries_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Etat4001ServiceYears",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Etat4001ServiceYears", x => new { x.EditionId, x.ServiceId, x.Year });
                    table.ForeignKey(
                        name: "FK_Etat4001ServiceYears_Etat4001Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Etat4001Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Etat4001ServiceYears_StatEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "StatEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerSeriesValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerSeriesValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerSeriesValues_PartnerSeries_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "PartnerSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Etat4001Counts",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    IndexNumber = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Etat4001Counts", x => new { x.EditionId, x.ServiceId, x.Year, x.IndexNumber });
                    table.ForeignKey(
                        name: "FK_Etat4001Counts_Etat4001Indexes_IndexNumber",
                        column: x => x.IndexNumber,
                        principalTable: "Etat4001Indexes",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Etat4001Counts_Etat4001ServiceYears_EditionId_ServiceId_Year",
                        columns: x => new { x.EditionId, x.ServiceId, x.Year },
                        principalTable: "Etat4001ServiceYears",
                        principalColumns: new[] { "EditionId", "ServiceId", "Year" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Etat4001Counts_IndexNumber",
                table: "Etat4001Counts",
                column: "IndexNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Etat4001Services_CommuneCode",
                table: "Etat4001Services",
                column: "CommuneCode");

            migrationBuilder.CreateIndex(
                name: "IX_Etat4001Services_DepartementCode",
                table: "Etat4001Services",
                column: "DepartementCode");

            migrationBuilder.CreateIndex(
                name: "IX_Etat4001Services_Force_DepartementCode_Name",
                table: "Etat4001Services",
                columns: new[] { "Force", "DepartementCode", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Etat4001ServiceYears_ServiceId",
                table: "Etat4001ServiceYears",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerSeries_ContractId_OrganisationId_Name",
                table: "PartnerSeries",
                columns: new[] { "ContractId", "OrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerSeries_OrganisationId",
                table: "PartnerSeries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerSeriesValues_SeriesId_Period_TerritoryCode",
                table: "PartnerSeriesValues",
                columns: new[] { "SeriesId", "Period", "TerritoryCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Etat4001Counts");

            migrationBuilder.DropTable(
                name: "PartnerSeriesValues");

            migrationBuilder.DropTable(
                name: "Etat4001Indexes");

            migrationBuilder.DropTable(
                name: "Etat4001ServiceYears");

            migrationBuilder.DropTable(
                name: "PartnerSeries");

            migrationBuilder.DropTable(
                name: "Etat4001Services");
        }
    }
}
