using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

internal sealed class ExternalLoginLinkConfiguration : IEntityTypeConfiguration<ExternalLoginLink>
{
    public void Configure(EntityTypeBuilder<ExternalLoginLink> b)
    {
        b.ToTable("ExternalLoginLinks");
        b.Property(l => l.Issuer).HasMaxLength(300);
        b.Property(l => l.Subject).HasMaxLength(255);
        b.HasIndex(l => new { l.Issuer, l.Subject }).IsUnique();
        b.HasIndex(l => l.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
