using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CasesRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FreezeReason",
                table: "CaseSheets",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FrozenUntil",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PurgeNoticeSentOn",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewReminderSentOn",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArchiveMonths",
                table: "CaseGroups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "NotRetainedMonths",
                table: "CaseGroups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "CaseArchiveAccesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MotiveCipher = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseArchiveAccesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseArchiveAccesses_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseArchiveAccesses_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CasePurgeSlips",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PurgedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SheetCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EarliestStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LatestEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProcessingName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePurgeSlips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasePurgeSlips_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CasePurgeSlips_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseRetentionRuns",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    Archived = table.Column<int>(type: "INTEGER", nullable: false),
                    Purged = table.Column<int>(type: "INTEGER", nullable: false),
                    Previewed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRetentionRuns", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "CaseStatsStubs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DurationDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosureReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PurgedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStatsStubs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStatsStubs_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseStatsStubs_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_EntityType_EntityId",
                table: "AuditEvents",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseArchiveAccesses_SheetId_UserId_Until",
                table: "CaseArchiveAccesses",
                columns: new[] { "SheetId", "UserId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseArchiveAccesses_UserId",
                table: "CaseArchiveAccesses",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePurgeSlips_ContractId",
                table: "CasePurgeSlips",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePurgeSlips_GroupId_PurgedOn",
                table: "CasePurgeSlips",
                columns: new[] { "GroupId", "PurgedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatsStubs_ContractId_Year",
                table: "CaseStatsStubs",
                columns: new[] { "ContractId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatsStubs_GroupId",
                table: "CaseStatsStubs",
                column: "GroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseArchiveAccesses");

            migrationBuilder.DropTable(
                name: "CasePurgeSlips");

            migrationBuilder.DropTable(
                name: "CaseRetentionRuns");

            migrationBuilder.DropTable(
                name: "CaseStatsStubs");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_EntityType_EntityId",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "FreezeReason",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "FrozenUntil",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "PurgeNoticeSentOn",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "ReviewReminderSentOn",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "ArchiveMonths",
                table: "CaseGroups");

            migrationBuilder.DropColumn(
                name: "NotRetainedMonths",
                table: "CaseGroups");
        }
    }
}
