using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.Recipient).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(1000);
        b.Property(m => m.LockedBy).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(300);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
