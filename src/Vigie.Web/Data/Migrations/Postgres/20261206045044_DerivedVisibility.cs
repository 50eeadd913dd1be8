using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DerivedVisibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SourceMeetingId",
                table: "PlanItems",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "PlanItems",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Public");

            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "FollowUpTasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_PlanItems_SourceMeetingId",
                table: "PlanItems",
                column: "SourceMeetingId");

            migrationBuilder.AddForeignKey(
                name: "FK_PlanItems_Meetings_SourceMeetingId",
                table: "PlanItems",
                column: "SourceMeetingId",
                principalTable: "Meetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Hand-written (EF cannot express a backfill): derived records take the visibility of their source.
            migrationBuilder.Sql("UPDATE \"FollowUpTasks\" SET \"Visibility\" = (SELECT m.\"Visibility\" FROM \"Meetings\" m WHERE m.\"Id\" = \"FollowUpTasks\".\"MeetingId\");");
            migrationBuilder.Sql("UPDATE \"PlanItems\" SET \"Visibility\" = 'Members' WHERE \"Id\" IN (SELECT o.\"PlanItemId\" FROM \"Outcomes\" o JOIN \"Meetings\" m ON m.\"Id\" = o.\"MeetingId\" WHERE m.\"Visibility\" = 'Members');");
            migrationBuilder.Sql("UPDATE \"PlanItems\" SET \"Visibility\" = 'Restricted' WHERE \"Id\" IN (SELECT o.\"PlanItemId\" FROM \"Outcomes\" o JOIN \"Meetings\" m ON m.\"Id\" = o.\"MeetingId\" WHERE m.\"Visibility\" = 'Restricted');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlanItems_Meetings_SourceMeetingId",
                table: "PlanItems");

            migrationBuilder.DropIndex(
                name: "IX_PlanItems_SourceMeetingId",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "SourceMeetingId",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "FollowUpTasks");
        }
    }
}
