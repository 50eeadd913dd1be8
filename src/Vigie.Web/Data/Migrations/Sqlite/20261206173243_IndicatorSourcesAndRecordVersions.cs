using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorSourcesAndRecordVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PlanIndicatorValues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "IncidentAreaId",
                table: "PlanIndicators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncidentGroup",
                table: "PlanIndicators",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiveSource",
                table: "PlanIndicators",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Manual");

            migrationBuilder.AddColumn<string>(
                name: "SurveyAnswer",
                table: "PlanIndicators",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SurveyId",
                table: "PlanIndicators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SurveyItem",
                table: "PlanIndicators",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PlanIndicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Milestones",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Commitments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "BudgetLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "BudgetLines");
        }
    }
}
