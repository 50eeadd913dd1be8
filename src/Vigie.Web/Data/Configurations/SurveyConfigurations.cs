using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// Survey (issue 12): every row carries its ContractId; deleting a contract cascades to all of it.

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> b)
    {
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Section).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.Options).HasMaxLength(2000);
        b.Property(x => x.Rows).HasMaxLength(2000);
        b.Property(x => x.ShowIf).HasMaxLength(400);
        b.HasIndex(x => new { x.SurveyId, x.Code }).IsUnique();
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class SurveyWaveConfiguration : IEntityTypeConfiguration<SurveyWave>
{
    public void Configure(EntityTypeBuilder<SurveyWave> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.CensusVintage).HasMaxLength(100);
        b.Property(x => x.CensusFileName).HasMaxLength(260);
        b.Property(x => x.OnlineCode).HasMaxLength(40);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Survey).WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.SurveyId, x.Code }).IsUnique();
        b.HasIndex(x => x.OnlineCode).IsUnique();
    }
}

internal sealed class SurveyStratumConfiguration : IEntityTypeConfiguration<SurveyStratum>
{
    public void Configure(EntityTypeBuilder<SurveyStratum> b)
    {
        b.Property(x => x.Quartier).HasMaxLength(40);
        b.Property(x => x.QuartierName).HasMaxLength(200);
        b.HasOne<SurveyWave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.WaveId, x.Quartier, x.Sex, x.AgeBand }).IsUnique();
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.Property(x => x.RespId).HasMaxLength(64);
        b.Property(x => x.Quartier).HasMaxLength(40);
        b.Property(x => x.Answers).HasMaxLength(8000);
        b.Property(x => x.FreeText).HasMaxLength(500);
        b.Property(x => x.DeviceHash).HasMaxLength(64);
        b.Property(x => x.VoidReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<SurveyWave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.WaveId, x.RespId }).IsUnique();
        b.HasIndex(x => new { x.WaveId, x.DeviceHash }).IsUnique();
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class SurveyResponseChangeConfiguration : IEntityTypeConfiguration<SurveyResponseChange>
{
    public void Configure(EntityTypeBuilder<SurveyResponseChange> b)
    {
        b.Property(x => x.RespId).HasMaxLength(64);
        b.Property(x => x.Changes).HasMaxLength(8000);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<SurveyWave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.WaveId, x.ResponseId });
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class SurveyIrisQuartierConfiguration : IEntityTypeConfiguration<SurveyIrisQuartier>
{
    public void Configure(EntityTypeBuilder<SurveyIrisQuartier> b)
    {
        b.Property(x => x.Iris).HasMaxLength(9);
        b.Property(x => x.Quartier).HasMaxLength(40);
        b.Property(x => x.QuartierName).HasMaxLength(200);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.Iris }).IsUnique();
    }
}
