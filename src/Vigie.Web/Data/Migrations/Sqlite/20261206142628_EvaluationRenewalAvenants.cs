using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationRenewalAvenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContinuesItemId",
                table: "PlanItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AddedPriorities",
                table: "Amendments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AttachesContractId",
                table: "Amendments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDraft",
                table: "Amendments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AmendmentSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmendmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignatoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmendmentSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmendmentSignatures_Amendments_AmendmentId",
                        column: x => x.AmendmentId,
                        principalTable: "Amendments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AmendmentSignatures_Files_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AmendmentSignatures_Signatories_SignatoryId",
                        column: x => x.SignatoryId,
                        principalTable: "Signatories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    MandateBodyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CouncilApprovalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PresentedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractEvaluations_Bodies_MandateBodyId",
                        column: x => x.MandateBodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ContractEvaluations_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationJudgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Attainment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationJudgements_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationJudgements_PlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PlanItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRatings_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationRatings_PlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRecommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DraftPlanItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRecommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRecommendations_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationRecommendations_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_AmendmentId_SignatoryId",
                table: "AmendmentSignatures",
                columns: new[] { "AmendmentId", "SignatoryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_ContractId",
                table: "AmendmentSignatures",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_DocumentId",
                table: "AmendmentSignatures",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_SignatoryId",
                table: "AmendmentSignatures",
                column: "SignatoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractEvaluations_ContractId_PeriodEnd",
                table: "ContractEvaluations",
                columns: new[] { "ContractId", "PeriodEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractEvaluations_MandateBodyId",
                table: "ContractEvaluations",
                column: "MandateBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationJudgements_EvaluationId_PlanItemId",
                table: "EvaluationJudgements",
                columns: new[] { "EvaluationId", "PlanItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationJudgements_PlanItemId",
                table: "EvaluationJudgements",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_ContractId_EvaluationId",
                table: "EvaluationRatings",
                columns: new[] { "ContractId", "EvaluationId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_EvaluationId",
                table: "EvaluationRatings",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_PlanItemId",
                table: "EvaluationRatings",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRecommendations_ContractId_EvaluationId",
                table: "EvaluationRecommendations",
                columns: new[] { "ContractId", "EvaluationId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRecommendations_EvaluationId",
                table: "EvaluationRecommendations",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRecommendations_OwnerOrganisationId",
                table: "EvaluationRecommendations",
                column: "OwnerOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmendmentSignatures");

            migrationBuilder.DropTable(
                name: "EvaluationJudgements");

            migrationBuilder.DropTable(
                name: "EvaluationRatings");

            migrationBuilder.DropTable(
                name: "EvaluationRecommendations");

            migrationBuilder.DropTable(
                name: "ContractEvaluations");

            migrationBuilder.DropColumn(
                name: "ContinuesItemId",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "AddedPriorities",
                table: "Amendments");

            migrationBuilder.DropColumn(
                name: "AttachesContractId",
                table: "Amendments");

            migrationBuilder.DropColumn(
                name: "IsDraft",
                table: "Amendments");
        }
    }
}
