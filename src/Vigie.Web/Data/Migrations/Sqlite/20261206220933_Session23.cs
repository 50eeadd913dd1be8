using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Session23 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SurveyWaves",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "EnteredById",
                table: "SurveyResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "SurveyResponses",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VoidedAt",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VoidedById",
                table: "SurveyResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PlanSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "SourceToRelink",
                table: "PlanIndicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "HeartbeatAt",
                table: "JobRuns",
                type: "INTEGER",
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "EvaluationReportVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValidatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ValidatedByBodyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ValidatedInMeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PresentedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExtractedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FullContent = table.Column<string>(type: "TEXT", maxLength: 10000000, nullable: false),
                    MembersContent = table.Column<string>(type: "TEXT", maxLength: 10000000, nullable: false),
                    PublicContent = table.Column<string>(type: "TEXT", maxLength: 10000000, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PublicContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationReportVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationReportVersions_Bodies_ValidatedByBodyId",
                        column: x => x.ValidatedByBodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_EvaluationReportVersions_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationReportVersions_Meetings_ValidatedInMeetingId",
                        column: x => x.ValidatedInMeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponseChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RespId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Changes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                name: "IX_CaseStatsStubs_AreaId",
                table: "CaseStatsStubs",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSheets_AreaId",
                table: "CaseSheets",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReportVersions_ContractId",
                table: "EvaluationReportVersions",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReportVersions_EvaluationId_Number",
                table: "EvaluationReportVersions",
                columns: new[] { "EvaluationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReportVersions_ValidatedByBodyId",
                table: "EvaluationReportVersions",
                column: "ValidatedByBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReportVersions_ValidatedInMeetingId",
                table: "EvaluationReportVersions",
                column: "ValidatedInMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseChanges_ContractId",
                table: "SurveyResponseChanges",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseChanges_WaveId_ResponseId",
                table: "SurveyResponseChanges",
                columns: new[] { "WaveId", "ResponseId" });

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

            migrationBuilder.DropTable(
                name: "EvaluationReportVersions");

            migrationBuilder.DropTable(
                name: "SurveyResponseChanges");

            migrationBuilder.DropIndex(
                name: "IX_CaseStatsStubs_AreaId",
                table: "CaseStatsStubs");

            migrationBuilder.DropIndex(
                name: "IX_CaseSheets_AreaId",
                table: "CaseSheets");

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

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PlanSettings");

            migrationBuilder.DropColumn(
                name: "SourceToRelink",
                table: "PlanIndicators");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "JobRuns");

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
