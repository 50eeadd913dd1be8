using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VideoFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisations_RenewsAuthorisationId",
                table: "VideoAuthorisations",
                column: "RenewsAuthorisationId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_VideoAuthorisations_VideoAuthorisations_RenewsAuthorisation~",
                table: "VideoAuthorisations",
                column: "RenewsAuthorisationId",
                principalTable: "VideoAuthorisations",
                principalColumn: "Id");
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
        }
    }
}
