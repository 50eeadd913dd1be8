using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// Video-protection register (issue 15): every row carries its ContractId; deleting a contract cascades to all of it.
// Lists of purposes and of camera ids are stored as one text column ("1,5,11"), the same on both providers.

internal static class VideoColumns
{
    // The conversions call public static methods (no captured delegate): EF Core writes them out as code in the compiled
    // model (Data/CompiledModels), which cannot hold a closure.
    private static PropertyBuilder<List<T>> AsCommaList<T>(this PropertyBuilder<List<T>> p,
        Expression<Func<List<T>, string>> write, Expression<Func<string, List<T>>> read) =>
        p.HasConversion(write, read,
                new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()))
            .HasMaxLength(2000);

    public static PropertyBuilder<List<VideoPurpose>> AsPurposes(this PropertyBuilder<List<VideoPurpose>> p) =>
        p.AsCommaList(v => JoinPurposes(v), s => SplitPurposes(s));

    public static PropertyBuilder<List<Guid>> AsIdList(this PropertyBuilder<List<Guid>> p) =>
        p.AsCommaList(v => JoinIds(v), s => SplitIds(s));

    public static string JoinPurposes(List<VideoPurpose> purposes) =>
        string.Join(",", purposes.Select(x => ((int)x).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static List<VideoPurpose> SplitPurposes(string text) =>
        Split(text, s => (VideoPurpose)int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    public static string JoinIds(List<Guid> ids) => string.Join(",", ids.Select(g => g.ToString("N")));

    public static List<Guid> SplitIds(string text) => Split(text, Guid.Parse);

    private static List<T> Split<T>(string text, Func<string, T> read) =>
        text.Length == 0 ? [] : text.Split(',', StringSplitOptions.None).Select(read).ToList();

    public static void OfContract<T>(this EntityTypeBuilder<T> b) where T : class
    {
        b.HasOne<SecurityContract>().WithMany().HasForeignKey("ContractId").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VideoSystem>().WithMany().HasForeignKey("SystemId").OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class VideoSystemConfiguration : IEntityTypeConfiguration<VideoSystem>
{
    public void Configure(EntityTypeBuilder<VideoSystem> b)
    {
        b.Property(x => x.Commune).HasMaxLength(200);
        b.Property(x => x.Responsible).HasMaxLength(200);
        b.Property(x => x.AccessContact).HasMaxLength(400);
        b.Property(x => x.CharterText).HasMaxLength(20000);
        b.Property(x => x.CharterVersion).HasMaxLength(40);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.CommitteeBodyId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.Commune }).IsUnique();
    }
}

internal sealed class VideoDiagnosticConfiguration : IEntityTypeConfiguration<VideoDiagnostic>
{
    public void Configure(EntityTypeBuilder<VideoDiagnostic> b)
    {
        b.Property(x => x.Perimeter).HasMaxLength(400);
        b.Property(x => x.Findings).HasMaxLength(8000);
        b.OfContract();
        b.HasMany(x => x.Recommendations).WithOne().HasForeignKey(r => r.DiagnosticId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.Date });
    }
}

internal sealed class VideoRecommendationConfiguration : IEntityTypeConfiguration<VideoRecommendation>
{
    public void Configure(EntityTypeBuilder<VideoRecommendation> b)
    {
        b.Property(x => x.Site).HasMaxLength(200);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class VideoAuthorisationRequestConfiguration : IEntityTypeConfiguration<VideoAuthorisationRequest>
{
    public void Configure(EntityTypeBuilder<VideoAuthorisationRequest> b)
    {
        b.Property(x => x.Purposes).AsPurposes();
        b.Property(x => x.CommissionReserves).HasMaxLength(4000);
        b.Ignore(x => x.ImplicitRejectionOn);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.OfContract();
        b.HasIndex(x => new { x.ContractId, x.Status });
    }
}

internal sealed class VideoAuthorisationConfiguration : IEntityTypeConfiguration<VideoAuthorisation>
{
    public void Configure(EntityTypeBuilder<VideoAuthorisation> b)
    {
        b.Property(x => x.OrderNumber).HasMaxLength(100);
        b.Property(x => x.Prefecture).HasMaxLength(200);
        b.Property(x => x.Purposes).AsPurposes();
        b.Property(x => x.PerimeterName).HasMaxLength(200);
        b.Property(x => x.PerimeterGeoJson).HasMaxLength(1024 * 1024);
        b.Property(x => x.Prescriptions).HasMaxLength(4000);
        b.Property(x => x.RepealMotive).HasMaxLength(1000);
        b.OfContract();
        b.HasOne<VideoAuthorisationRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<VideoAuthorisation>().WithMany().HasForeignKey(x => x.RenewsAuthorisationId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.RenewsAuthorisationId).IsUnique();
        b.HasIndex(x => new { x.ContractId, x.ExpiresOn });
    }
}

internal sealed class VideoCameraConfiguration : IEntityTypeConfiguration<VideoCamera>
{
    public void Configure(EntityTypeBuilder<VideoCamera> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Site).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.PrivacyMaskingNote).HasMaxLength(400);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.OfContract();
        b.HasOne<VideoAuthorisation>().WithMany().HasForeignKey(x => x.AuthorisationId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<VideoRecorder>().WithMany().HasForeignKey(x => x.RecorderId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.Code }).IsUnique();
    }
}

internal sealed class VideoRecorderConfiguration : IEntityTypeConfiguration<VideoRecorder>
{
    public void Configure(EntityTypeBuilder<VideoRecorder> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.OfContract();
        b.HasOne<VideoAuthorisation>().WithMany().HasForeignKey(x => x.AuthorisationId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class VideoRequisitionConfiguration : IEntityTypeConfiguration<VideoRequisition>
{
    public void Configure(EntityTypeBuilder<VideoRequisition> b)
    {
        b.Property(x => x.Number).HasMaxLength(100);
        b.Property(x => x.Site).HasMaxLength(200);
        b.OfContract();
        b.HasIndex(x => new { x.ContractId, x.ReceivedOn });
    }
}

internal sealed class VideoExtractionConfiguration : IEntityTypeConfiguration<VideoExtraction>
{
    public void Configure(EntityTypeBuilder<VideoExtraction> b)
    {
        b.Property(x => x.OperatorName).HasMaxLength(200);
        b.Property(x => x.OperatorRole).HasMaxLength(200);
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.CameraIds).AsIdList();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.OfContract();
        b.HasOne<VideoRequisition>().WithMany().HasForeignKey(x => x.RequisitionId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<VideoAccessRequest>().WithMany().HasForeignKey(x => x.AccessRequestId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.At });
    }
}

internal sealed class VideoAccessRequestConfiguration : IEntityTypeConfiguration<VideoAccessRequest>
{
    public void Configure(EntityTypeBuilder<VideoAccessRequest> b)
    {
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Ignore(x => x.DueOn);
        b.OfContract();
        b.HasOne<VideoCamera>().WithMany().HasForeignKey(x => x.CameraId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.ReceivedOn });
    }
}

internal sealed class VideoCommitteeMemberConfiguration : IEntityTypeConfiguration<VideoCommitteeMember>
{
    public void Configure(EntityTypeBuilder<VideoCommitteeMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.OfContract();
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class VideoCommitteeOpinionConfiguration : IEntityTypeConfiguration<VideoCommitteeOpinion>
{
    public void Configure(EntityTypeBuilder<VideoCommitteeOpinion> b)
    {
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Text).HasMaxLength(8000);
        b.OfContract();
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.Date });
    }
}

internal sealed class VideoCommitteeReportConfiguration : IEntityTypeConfiguration<VideoCommitteeReport>
{
    public void Configure(EntityTypeBuilder<VideoCommitteeReport> b)
    {
        b.Property(x => x.Text).HasMaxLength(20000);
        b.OfContract();
        b.HasIndex(x => new { x.SystemId, x.Year }).IsUnique();
    }
}

internal sealed class VideoCitizenReferralConfiguration : IEntityTypeConfiguration<VideoCitizenReferral>
{
    public void Configure(EntityTypeBuilder<VideoCitizenReferral> b)
    {
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(1000);
        b.Property(x => x.Answer).HasMaxLength(4000);
        b.OfContract();
        b.HasOne<VideoAccessRequest>().WithMany().HasForeignKey(x => x.AccessRequestId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class VideoAlertConfiguration : IEntityTypeConfiguration<VideoAlert>
{
    public void Configure(EntityTypeBuilder<VideoAlert> b)
    {
        b.Property(x => x.PeriodKey).HasMaxLength(100);
        b.Property(x => x.Message).HasMaxLength(1000);
        b.OfContract();
        b.HasIndex(x => new { x.Kind, x.SubjectId, x.PeriodKey }).IsUnique();
        b.HasIndex(x => new { x.ContractId, x.RaisedAt });
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(x => x.Name).HasMaxLength(JobRuns.NameMax);
        b.Property(x => x.PeriodKey).HasMaxLength(JobRuns.PeriodKeyMax);
        b.HasIndex(x => new { x.Name, x.PeriodKey }).IsUnique();
    }
}
