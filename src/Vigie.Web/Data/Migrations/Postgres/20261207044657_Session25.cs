using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Session25 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VideoRecorders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VideoExtractions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VideoCommitteeMembers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VideoCameras",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "RenewsAuthorisationId",
                table: "VideoAuthorisations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VideoAuthorisationRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolvedAt",
                table: "VideoAlerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResolvedById",
                table: "VideoAlerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatoryChanges",
                table: "Amendments",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisations_RenewsAuthorisationId",
                table: "VideoAuthorisations",
                column: "RenewsAuthorisationId",
                unique: true);

            // Earlier data may hold two successors of one contract: keep the earliest (the unique index would fail otherwise).
            migrationBuilder.Sql(global::Vigie.Web.Features.Contracts.RenewalRules.DeduplicateSuccessorsSql);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts",
                column: "PredecessorId",
                unique: true,
                filter: "\"PredecessorId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_VideoAuthorisations_VideoAuthorisations_RenewsAuthorisation~",
                table: "VideoAuthorisations",
                column: "RenewsAuthorisationId",
                principalTable: "VideoAuthorisations",
                principalColumn: "Id");

            // Open camera alerts keyed "-" take the day the camera went into service (the key the daily check now gives them).
            migrationBuilder.Sql(global::Vigie.Web.Features.VideoProtection.VideoDailyJob.LegacyCameraKeysSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VideoAuthorisations_VideoAuthorisations_RenewsAuthorisation~",
                table: "VideoAuthorisations");

            migrationBuilder.DropIndex(
                name: "IX_VideoAuthorisations_RenewsAuthorisationId",
                table: "VideoAuthorisations");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VideoRecorders");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VideoExtractions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VideoCommitteeMembers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VideoCameras");

            migrationBuilder.DropColumn(
                name: "RenewsAuthorisationId",
                table: "VideoAuthorisations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VideoAuthorisationRequests");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "VideoAlerts");

            migrationBuilder.DropColumn(
                name: "ResolvedById",
                table: "VideoAlerts");

            migrationBuilder.DropColumn(
                name: "SignatoryChanges",
                table: "Amendments");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts",
                column: "PredecessorId");
        }
    }
}
