using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Session22 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseRetentionRuns");

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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidFrom",
                table: "RoutingZones",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidTo",
                table: "RoutingZones",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PlanIndicatorValues",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "IncidentAreaId",
                table: "PlanIndicators",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncidentGroup",
                table: "PlanIndicators",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiveSource",
                table: "PlanIndicators",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Manual");

            migrationBuilder.AddColumn<string>(
                name: "SurveyAnswer",
                table: "PlanIndicators",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SurveyId",
                table: "PlanIndicators",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SurveyItem",
                table: "PlanIndicators",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PlanIndicators",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Milestones",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "IncidentCategories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "FollowUpTasks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Commitments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "BudgetLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Bodies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Areas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CaseNoticeSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    ControllerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ControllerAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DpoName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DpoContact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNoticeSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNoticeSettings_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentCategoryPartners",
                columns: table => new
                {
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "IX_CaseNoticeSettings_ContractId",
                table: "CaseNoticeSettings",
                column: "ContractId",
                unique: true);

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
                name: "CaseNoticeSettings");

            migrationBuilder.DropTable(
                name: "IncidentCategoryPartners");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "VideoCommitteeOpinions");

            migrationBuilder.DropColumn(
                name: "RepealMotive",
                table: "VideoAuthorisations");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "RoutingZones");

            migrationBuilder.DropColumn(
                name: "ValidTo",
                table: "RoutingZones");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PlanIndicatorValues");

            migrationBuilder.DropColumn(
                name: "IncidentAreaId",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "IncidentGroup",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "LiveSource",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "SurveyAnswer",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "SurveyId",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "SurveyItem",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "IncidentCategories");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "FollowUpTasks");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "BudgetLines");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Bodies");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Areas");

            migrationBuilder.CreateTable(
                name: "CaseRetentionRuns",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Archived = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Previewed = table.Column<int>(type: "integer", nullable: false),
                    Purged = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRetentionRuns", x => x.Day);
                });
        }
    }
}
