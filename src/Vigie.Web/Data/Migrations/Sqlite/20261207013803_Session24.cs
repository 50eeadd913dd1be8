using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Session24 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseRightsRequests_CaseSheets_SheetId",
                table: "CaseRightsRequests");

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

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ProgrammeId",
                table: "CaseStatsStubs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ProgrammeId",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "CaseSheets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<Guid>(
                name: "SheetId",
                table: "CaseRightsRequests",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<int>(
                name: "AuditMonths",
                table: "CaseGroups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.CreateTable(
                name: "CaseCharterReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Institutions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Decisions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseCharterReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseCharterReviews_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseDpoDesignations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DesignatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DesignatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDpoDesignations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseDpoDesignations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseDpoDesignations_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseProgrammes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseProgrammes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseProgrammes_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "IX_CaseStatsStubs_ProgrammeId",
                table: "CaseStatsStubs",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSheets_ProgrammeId",
                table: "CaseSheets",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseCharterReviews_GroupId_HeldOn",
                table: "CaseCharterReviews",
                columns: new[] { "GroupId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDpoDesignations_ContractId_UserId",
                table: "CaseDpoDesignations",
                columns: new[] { "ContractId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseDpoDesignations_UserId",
                table: "CaseDpoDesignations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseProgrammes_ContractId_Code",
                table: "CaseProgrammes",
                columns: new[] { "ContractId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyIrisQuartiers_ContractId_Iris",
                table: "SurveyIrisQuartiers",
                columns: new[] { "ContractId", "Iris" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseRightsRequests_CaseGroups_GroupId",
                table: "CaseRightsRequests",
                column: "GroupId",
                principalTable: "CaseGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseRightsRequests_CaseSheets_SheetId",
                table: "CaseRightsRequests",
                column: "SheetId",
                principalTable: "CaseSheets",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseSheets_CaseProgrammes_ProgrammeId",
                table: "CaseSheets",
                column: "ProgrammeId",
                principalTable: "CaseProgrammes",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseStatsStubs_CaseProgrammes_ProgrammeId",
                table: "CaseStatsStubs",
                column: "ProgrammeId",
                principalTable: "CaseProgrammes",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseRightsRequests_CaseGroups_GroupId",
                table: "CaseRightsRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_CaseRightsRequests_CaseSheets_SheetId",
                table: "CaseRightsRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_CaseSheets_CaseProgrammes_ProgrammeId",
                table: "CaseSheets");

            migrationBuilder.DropForeignKey(
                name: "FK_CaseStatsStubs_CaseProgrammes_ProgrammeId",
                table: "CaseStatsStubs");

            migrationBuilder.DropTable(
                name: "CaseCharterReviews");

            migrationBuilder.DropTable(
                name: "CaseDpoDesignations");

            migrationBuilder.DropTable(
                name: "CaseProgrammes");

            migrationBuilder.DropTable(
                name: "SurveyIrisQuartiers");

            migrationBuilder.DropIndex(
                name: "IX_CaseStatsStubs_ProgrammeId",
                table: "CaseStatsStubs");

            migrationBuilder.DropIndex(
                name: "IX_CaseSheets_ProgrammeId",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "CensusFileName",
                table: "SurveyWaves");

            migrationBuilder.DropColumn(
                name: "CensusImportedAt",
                table: "SurveyWaves");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "ProgrammeId",
                table: "CaseStatsStubs");

            migrationBuilder.DropColumn(
                name: "ProgrammeId",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "AuditMonths",
                table: "CaseGroups");

            migrationBuilder.AlterColumn<Guid>(
                name: "SheetId",
                table: "CaseRightsRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseRightsRequests_CaseSheets_SheetId",
                table: "CaseRightsRequests",
                column: "SheetId",
                principalTable: "CaseSheets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
