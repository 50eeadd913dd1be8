using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentCategoryEditZoneHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ValidFrom",
                table: "RoutingZones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ValidTo",
                table: "RoutingZones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "IncidentCategories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "IncidentCategoryPartners",
                columns: table => new
                {
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentCategoryPartners", x => new { x.CategoryId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_IncidentCategoryPartners_IncidentCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "IncidentCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentCategoryPartners_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentCategoryPartners_ContractId",
                table: "IncidentCategoryPartners",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentCategoryPartners_OrganisationId",
                table: "IncidentCategoryPartners",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentCategoryPartners");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "RoutingZones");

            migrationBuilder.DropColumn(
                name: "ValidTo",
                table: "RoutingZones");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "IncidentCategories");
        }
    }
}
