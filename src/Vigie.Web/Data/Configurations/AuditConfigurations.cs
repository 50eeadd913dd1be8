using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(80);
        b.Property(e => e.EntityType).HasMaxLength(80);
        b.Property(e => e.EntityId).HasMaxLength(80);
        b.Property(e => e.Data).HasMaxLength(4000);
        b.HasIndex(e => e.OccurredAt);
        b.HasIndex(e => new { e.Kind, e.OccurredAt });
        b.HasIndex(e => e.ContractId);
        b.Property(e => e.ActorRole).HasMaxLength(200);
        b.Property(e => e.Outcome).HasMaxLength(20).HasDefaultValue(AuditOutcomes.Success);
        b.Property(e => e.IpAddress).HasMaxLength(45);
        b.Property(e => e.Via).HasMaxLength(20);
        b.Property(e => e.CredentialId).HasMaxLength(80);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.UserId, e.OccurredAt });
        b.HasIndex(e => new { e.EntityType, e.EntityId }); // "who saw this sheet?" (cases, §1.5)
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64);
        b.Property(h => h.PurgedThroughHash).HasMaxLength(64);
        b.HasData(new AuditChainHead { Id = 1 });
    }
}
