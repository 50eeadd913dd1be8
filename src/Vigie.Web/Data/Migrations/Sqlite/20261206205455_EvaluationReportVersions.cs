using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationReportVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SourceToRelink",
                table: "PlanIndicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationReportVersions");

            migrationBuilder.DropColumn(
                name: "SourceToRelink",
                table: "PlanIndicators");
        }
    }
}
