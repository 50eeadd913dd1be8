using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// Evaluation, renewal and avenant signatures (issue 15): every row carries its ContractId; deleting a contract cascades.

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<ContractEvaluation>
{
    public void Configure(EntityTypeBuilder<ContractEvaluation> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.RequestedBy).HasMaxLength(300);
        b.Property(x => x.Conclusion).HasMaxLength(8000);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.MandateBodyId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ContractId, x.PeriodEnd });
    }
}

internal sealed class EvaluationReportVersionConfiguration : IEntityTypeConfiguration<EvaluationReportVersion>
{
    public void Configure(EntityTypeBuilder<EvaluationReportVersion> b)
    {
        // A report as JSON: a few hundred kilobytes for a large plan (PostgreSQL's varchar allows up to 10 485 760).
        b.Property(x => x.FullContent).HasMaxLength(10_000_000);
        b.Property(x => x.MembersContent).HasMaxLength(10_000_000);
        b.Property(x => x.PublicContent).HasMaxLength(10_000_000);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.PublicContentHash).HasMaxLength(64);
        b.HasOne<ContractEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.ValidatedByBodyId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.ValidatedInMeetingId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.EvaluationId, x.Number }).IsUnique();
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class EvaluationRatingConfiguration : IEntityTypeConfiguration<EvaluationRating>
{
    public void Configure(EntityTypeBuilder<EvaluationRating> b)
    {
        b.Property(x => x.Question).HasMaxLength(1000);
        b.Property(x => x.Evidence).HasMaxLength(4000);
        b.HasOne<ContractEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ContractId, x.EvaluationId });
    }
}

internal sealed class EvaluationJudgementConfiguration : IEntityTypeConfiguration<EvaluationJudgement>
{
    public void Configure(EntityTypeBuilder<EvaluationJudgement> b)
    {
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.HasOne<ContractEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EvaluationId, x.PlanItemId }).IsUnique();
    }
}

internal sealed class EvaluationRecommendationConfiguration : IEntityTypeConfiguration<EvaluationRecommendation>
{
    public void Configure(EntityTypeBuilder<EvaluationRecommendation> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasOne<ContractEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.OwnerOrganisation).WithMany().HasForeignKey(x => x.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ContractId, x.EvaluationId });
    }
}

internal sealed class AmendmentSignatureConfiguration : IEntityTypeConfiguration<AmendmentSignature>
{
    public void Configure(EntityTypeBuilder<AmendmentSignature> b)
    {
        b.HasOne<Amendment>().WithMany().HasForeignKey(x => x.AmendmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Signatory>().WithMany().HasForeignKey(x => x.SignatoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.AmendmentId, x.SignatoryId }).IsUnique();
        b.HasIndex(x => x.ContractId);
    }
}
