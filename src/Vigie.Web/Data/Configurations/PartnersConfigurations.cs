using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Siren).HasMaxLength(9);
        b.HasIndex(o => o.Name);
        b.HasMany(o => o.Contacts).WithOne(c => c.Organisation).HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b) => b.Property(c => c.FullName).HasMaxLength(200);
}
