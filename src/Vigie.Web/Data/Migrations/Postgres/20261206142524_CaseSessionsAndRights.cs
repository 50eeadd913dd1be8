using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseSessionsAndRights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NoticeExceptionCipher",
                table: "CaseSheets",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NoticeGivenOn",
                table: "CaseSheets",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeMeans",
                table: "CaseSheets",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeRecipient",
                table: "CaseSheets",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseRightsRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    SheetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExtensionMotiveCipher = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRightsRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRightsRequests_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSessionActivities",
                columns: table => new
                {
                    SessionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSessionActivities", x => x.SessionId);
                    table.ForeignKey(
                        name: "FK_CaseSessionActivities_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRightsRequests_GroupId_AnsweredOn_DueOn",
                table: "CaseRightsRequests",
                columns: new[] { "GroupId", "AnsweredOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRightsRequests_SheetId",
                table: "CaseRightsRequests",
                column: "SheetId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSessionActivities_LastSeenAt",
                table: "CaseSessionActivities",
                column: "LastSeenAt");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSessionActivities_UserId",
                table: "CaseSessionActivities",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseRightsRequests");

            migrationBuilder.DropTable(
                name: "CaseSessionActivities");

            migrationBuilder.DropColumn(
                name: "NoticeExceptionCipher",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "NoticeGivenOn",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "NoticeMeans",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "NoticeRecipient",
                table: "CaseSheets");
        }
    }
}
