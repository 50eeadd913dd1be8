using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Diagnostic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DiagnosticFindingLinks",
                columns: table => new
                {
                    FindingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticFindingLinks", x => new { x.FindingId, x.PlanItemId });
                    table.ForeignKey(
                        name: "FK_DiagnosticFindingLinks_PlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Axis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticFindings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Diagnostics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    LastVersion = table.Column<int>(type: "integer", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Diagnostics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Diagnostics_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Diagnostics_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticSections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Axis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Visibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticSections_Diagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "Diagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiagnosticSections_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticSources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    FileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Edition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticSources_Diagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "Diagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiagnosticSources_Files_FileId",
                        column: x => x.FileId,
                        principalTable: "Files",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_DiagnosticSources_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    IsValidated = table.Column<bool>(type: "boolean", nullable: false),
                    Content = table.Column<string>(type: "character varying(10000000)", maxLength: 10000000, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FrozenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FrozenById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticVersions_Diagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "Diagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindingLinks_ContractId",
                table: "DiagnosticFindingLinks",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindingLinks_PlanItemId",
                table: "DiagnosticFindingLinks",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindings_ContractId_DiagnosticId",
                table: "DiagnosticFindings",
                columns: new[] { "ContractId", "DiagnosticId" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindings_DiagnosticId",
                table: "DiagnosticFindings",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindings_SectionId",
                table: "DiagnosticFindings",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Diagnostics_AreaId",
                table: "Diagnostics",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Diagnostics_ContractId_AreaId",
                table: "Diagnostics",
                columns: new[] { "ContractId", "AreaId" });

            migrationBuilder.CreateIndex(
                name: "IX_Diagnostics_PublishedVersionId",
                table: "Diagnostics",
                column: "PublishedVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSections_ContractId_DiagnosticId_Position",
                table: "DiagnosticSections",
                columns: new[] { "ContractId", "DiagnosticId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSections_DiagnosticId",
                table: "DiagnosticSections",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSections_OrganisationId",
                table: "DiagnosticSections",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_ContractId_DiagnosticId_Date",
                table: "DiagnosticSources",
                columns: new[] { "ContractId", "DiagnosticId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_DiagnosticId",
                table: "DiagnosticSources",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_FileId",
                table: "DiagnosticSources",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_MeetingId",
                table: "DiagnosticSources",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticVersions_ContractId",
                table: "DiagnosticVersions",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticVersions_DiagnosticId_Number",
                table: "DiagnosticVersions",
                columns: new[] { "DiagnosticId", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_DiagnosticFindingLinks_DiagnosticFindings_FindingId",
                table: "DiagnosticFindingLinks",
                column: "FindingId",
                principalTable: "DiagnosticFindings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DiagnosticFindings_DiagnosticSections_SectionId",
                table: "DiagnosticFindings",
                column: "SectionId",
                principalTable: "DiagnosticSections",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_DiagnosticFindings_Diagnostics_DiagnosticId",
                table: "DiagnosticFindings",
                column: "DiagnosticId",
                principalTable: "Diagnostics",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Diagnostics_DiagnosticVersions_PublishedVersionId",
                table: "Diagnostics",
                column: "PublishedVersionId",
                principalTable: "DiagnosticVersions",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DiagnosticVersions_Diagnostics_DiagnosticId",
                table: "DiagnosticVersions");

            migrationBuilder.DropTable(
                name: "DiagnosticFindingLinks");

            migrationBuilder.DropTable(
                name: "DiagnosticSources");

            migrationBuilder.DropTable(
                name: "DiagnosticFindings");

            migrationBuilder.DropTable(
                name: "DiagnosticSections");

            migrationBuilder.DropTable(
                name: "Diagnostics");

            migrationBuilder.DropTable(
                name: "DiagnosticVersions");
        }
    }
}
