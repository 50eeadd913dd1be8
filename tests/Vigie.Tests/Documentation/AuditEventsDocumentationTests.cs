using System.Reflection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Documentation;

/// <summary>docs/audit-events.md must list every audit event kind the code can write.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class AuditEventsDocumentationTests
{
    [Fact]
    public void EveryAuditKind_IsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "audit-events.md"));
        var kinds = typeof(AuditKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(kinds);
        var missing = kinds.Where(k => !doc.Contains($"`{k}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Absent de docs/audit-events.md : " + string.Join(", ", missing));
    }
}
