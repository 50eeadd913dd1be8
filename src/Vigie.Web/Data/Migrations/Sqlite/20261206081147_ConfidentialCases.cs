using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConfidentialCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CoordinatorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RulebookVersion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CharterVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CohortMaxAge = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseGroups_AspNetUsers_CoordinatorUserId",
                        column: x => x.CoordinatorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseGroups_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CaseGroups_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseGroupMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Institution = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SignedCharterVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    SignedCharterAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseGroupMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseGroupMembers_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSheets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IdentityCipher = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ContactCipher = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    DuplicateKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchoolLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Occupation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReferralSource = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReferredByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferentUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosureReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReviewDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SensitiveData = table.Column<bool>(type: "INTEGER", nullable: false),
                    SensitiveJustificationCipher = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSheets_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseSheets_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CarrierInstitution = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NoteCipher = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseActions_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseAgendaEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAgendaEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAgendaEntries_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAgendaEntries_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudicialMeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudicialMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudicialMeasures_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseActions_SheetId",
                table: "CaseActions",
                column: "SheetId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAgendaEntries_MeetingId",
                table: "CaseAgendaEntries",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAgendaEntries_SheetId_MeetingId",
                table: "CaseAgendaEntries",
                columns: new[] { "SheetId", "MeetingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseGroupMembers_GroupId_UserId",
                table: "CaseGroupMembers",
                columns: new[] { "GroupId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseGroupMembers_UserId",
                table: "CaseGroupMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseGroups_BodyId",
                table: "CaseGroups",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseGroups_ContractId_Name",
                table: "CaseGroups",
                columns: new[] { "ContractId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseGroups_CoordinatorUserId",
                table: "CaseGroups",
                column: "CoordinatorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSheets_ContractId_Code",
                table: "CaseSheets",
                columns: new[] { "ContractId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseSheets_ContractId_DuplicateKey",
                table: "CaseSheets",
                columns: new[] { "ContractId", "DuplicateKey" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSheets_GroupId",
                table: "CaseSheets",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_JudicialMeasures_SheetId",
                table: "JudicialMeasures",
                column: "SheetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseActions");

            migrationBuilder.DropTable(
                name: "CaseAgendaEntries");

            migrationBuilder.DropTable(
                name: "CaseGroupMembers");

            migrationBuilder.DropTable(
                name: "JudicialMeasures");

            migrationBuilder.DropTable(
                name: "CaseSheets");

            migrationBuilder.DropTable(
                name: "CaseGroups");
        }
    }
}
