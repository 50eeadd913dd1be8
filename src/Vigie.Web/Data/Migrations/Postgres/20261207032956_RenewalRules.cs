using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RenewalRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts");

            migrationBuilder.AddColumn<string>(
                name: "SignatoryChanges",
                table: "Amendments",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            // Earlier data may hold two successors of one contract: keep the earliest (the index would fail otherwise).
            migrationBuilder.Sql(global::Vigie.Web.Features.Contracts.RenewalRules.DeduplicateSuccessorsSql);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts",
                column: "PredecessorId",
                unique: true,
                filter: "\"PredecessorId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_PredecessorId",
                table: "Contracts");

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
